import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** POSTED by an AUTO rule; MATCHED to, or CONFIRMED as, a transaction; or SKIPPED. */
export type OccurrenceStatus = 'POSTED' | 'MATCHED' | 'CONFIRMED' | 'SKIPPED';

/**
 * One handled occurrence of a rule. Unique per (rule, date) and written in the transaction
 * that posts it: however many instances try, a date is handled once.
 */
@Entity('recurring_occurrences')
export class RecurringOccurrence {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ruleId!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: OccurrenceStatus;

  @Column({ type: 'integer', nullable: true })
  transactionId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
