import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A report's parameters kept under a name, optionally mailed weekly or monthly to its owner. */
@Entity('saved_reports')
export class SavedReportRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who saved it: whose address a scheduled mail goes to. */
  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The ReportInput as JSON (ids as strings, as on the wire). */
  @Column({ type: 'text' })
  input!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  schedule!: string | null;

  @Column({ type: 'boolean' })
  email!: boolean;

  /** Keys the HMAC of the unsubscribe link; a new one on each save revokes older links. */
  @Column({ type: 'varchar', length: 64 })
  unsubscribeSecret!: string;

  /** The last period mailed (`2025-W14`, `2025-03`): a rerun of the job mails it once. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastSentPeriod!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
