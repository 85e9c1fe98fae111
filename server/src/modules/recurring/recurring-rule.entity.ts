import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import type { TransactionKind } from '../ledger/transaction.entity';

export enum RecurringMode {
  AUTO = 'AUTO',
  EXPECT = 'EXPECT',
}

/** A transaction template and when it recurs (an RFC 5545 RRULE from `startDate`). */
@Entity('recurring_rules')
export class RecurringRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Whose time zone, reminders and rights the rule's posts use. */
  @Column({ type: 'integer' })
  createdByUserId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Without "RRULE:" and DTSTART: the start is `startDate`. */
  @Column({ type: 'varchar', length: 500 })
  rrule!: string;

  @Column({ type: 'date' })
  startDate!: string;

  @Column({ type: 'varchar', length: 8 })
  mode!: RecurringMode;

  @Column({ type: 'varchar', length: 10 })
  kind!: TransactionKind;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer', nullable: true })
  toAccountId!: number | null;

  /** By name, as the write path takes it: a renamed or deleted category is found or made again. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  categoryName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  payee!: string | null;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  @Column({ type: 'date', nullable: true })
  nextDate!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
