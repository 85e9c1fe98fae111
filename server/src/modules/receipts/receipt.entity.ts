import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

export type ReceiptStatusValue = 'QUEUED' | 'READING' | 'READ' | 'FAILED';

/**
 * A receipt of a ledger: the picture as stored (upright, no metadata), its thumbnail, what was
 * read from it with a confidence (percent) per field, and the expense it belongs to, if any.
 */
@Entity('receipts')
export class Receipt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who scanned it: whose storage it counts against. */
  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** image/jpeg for photos (re-encoded), application/pdf for PDFs (kept as sent). */
  @Column({ type: 'varchar', length: 40 })
  contentType!: string;

  @Column({ type: 'blob', select: false })
  image!: Buffer;

  @Column({ type: 'blob', select: false })
  thumbnail!: Buffer;

  /** Picture and thumbnail together: what the per-user cap adds up. */
  @Column({ type: 'integer' })
  storedBytes!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: ReceiptStatusValue;

  @Column({ type: 'varchar', length: 300, nullable: true })
  failure!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  merchant!: string | null;

  @Column({ type: 'integer', default: 0 })
  merchantConfidence!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  merchantReadKey!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  suggestedCategory!: string | null;

  @Column({ type: 'date', nullable: true })
  date!: string | null;

  @Column({ type: 'integer', default: 0 })
  dateConfidence!: number;

  @Column({ type: 'bigint', nullable: true, transformer: minorUnits })
  totalMinor!: number | null;

  @Column({ type: 'integer', default: 0 })
  totalConfidence!: number;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'integer', nullable: true })
  transactionId!: number | null;

  @Column({ type: 'boolean', default: false })
  taxKept!: boolean;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
