import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

export enum SplitMethod {
  EQUAL = 'EQUAL',
  SHARES = 'SHARES',
  EXACT = 'EXACT',
  PERCENT = 'PERCENT',
}

/** A bill one member paid for the group. */
@Entity('group_expenses')
export class GroupExpense {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  groupId!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'integer' })
  paidByMemberId!: number;

  @Column({ type: 'varchar', length: 10 })
  method!: SplitMethod;

  /** As paid: the currency and amount on the bill. */
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  /** In the group's currency, converted once at the rate of the day ("1" when the same). */
  @Column({ type: 'bigint', transformer: minorUnits })
  groupAmountMinor!: number;

  @Column({ type: 'varchar', length: 40 })
  rate!: string;

  /** The category of the members' shares in their ledgers; null: "Shared expenses". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  @Column({ type: 'integer', nullable: true })
  createdByUserId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/** One member's part of an expense, in the group's currency. */
@Entity('group_expense_splits')
export class GroupExpenseSplit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  expenseId!: number;

  @Column({ type: 'integer' })
  groupId!: number;

  @Column({ type: 'integer' })
  memberId!: number;

  /** The shares, exact amount or percent as entered; null for EQUAL. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  value!: string | null;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  /** The member's share booked in their own ledger (members who are app users). */
  @Column({ type: 'integer', nullable: true })
  shareUserId!: number | null;

  @Column({ type: 'integer', nullable: true })
  shareTransactionId!: number | null;
}

/** Money one member paid another to settle up. */
@Entity('group_settlements')
export class GroupSettlement {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  groupId!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  fromMemberId!: number;

  @Column({ type: 'integer' })
  toMemberId!: number;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
