import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/**
 * A unit of background work. Any instance may claim a due job by a conditional update that
 * sets a lease (`lockedBy`, `lockedUntil`); a lease that runs out belongs to a crashed or stuck
 * instance and the job may be claimed again. `(type, key)` is unique, so enqueueing the same
 * work twice (from two instances, or a retried request) makes one job.
 */
@Entity('jobs')
export class Job {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 191 })
  key!: string;

  /** JSON. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'datetime' })
  runAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ type: 'datetime', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
