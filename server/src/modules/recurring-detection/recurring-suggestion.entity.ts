import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import type { Cadence } from './detect';

export enum SuggestionStatus {
  OPEN = 'OPEN',
  DISMISSED = 'DISMISSED',
  ACCEPTED = 'ACCEPTED',
}

/**
 * A recurring series found in a ledger's history. Kept (not recomputed on each read) so that a
 * dismissed or accepted series, identified by kind, normalised payee and cadence, is not
 * suggested again.
 */
@Entity('recurring_suggestions')
export class RecurringSuggestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 200 })
  payeeKey!: string;

  @Column({ type: 'varchar', length: 20 })
  cadence!: Cadence;

  @Column({ type: 'varchar', length: 10 })
  kind!: string;

  /** As last written on a transaction of the series. */
  @Column({ type: 'varchar', length: 200 })
  payee!: string;

  @Column({ type: 'varchar', length: 200 })
  rrule!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** The median of the series' amounts, in `currency`. */
  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ type: 'date' })
  firstDate!: string;

  @Column({ type: 'date' })
  lastDate!: string;

  @Column({ type: 'date' })
  nextDate!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SuggestionStatus;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
