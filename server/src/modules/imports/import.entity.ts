import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImportStatus = 'PREVIEWED' | 'RUNNING' | 'DONE' | 'FAILED';

/** One bank file imported into one account: previewed, then committed once. */
@Entity('imports')
export class ImportRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'integer' })
  uploadId!: number;

  @Column({ type: 'varchar', length: 10 })
  format!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ImportStatus;

  /** The CsvMapping the preview used (JSON); the commit parses with exactly it. */
  @Column({ type: 'text', nullable: true })
  mapping!: string | null;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  duplicates!: number;

  @Column({ type: 'integer' })
  likelyDuplicates!: number;

  @Column({ type: 'integer' })
  imported!: number;

  @Column({ type: 'integer' })
  skippedDuplicates!: number;

  @Column({ type: 'integer' })
  failed!: number;

  @Column({ type: 'integer' })
  processed!: number;

  @Column({ type: 'boolean', default: false })
  skipLikelyDuplicates!: boolean;

  /** The row errors (JSON list of {line, field, message}). */
  @Column({ type: 'text', nullable: true })
  errors!: string | null;

  @Column({ type: 'date', nullable: true })
  firstDate!: string | null;

  @Column({ type: 'date', nullable: true })
  lastDate!: string | null;

  @Column({ type: 'datetime', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  finishedAt!: Date | null;
}
