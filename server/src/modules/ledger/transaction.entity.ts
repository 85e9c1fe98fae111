import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import { DateScalar } from '../../graphql/scalars';
import type { Category } from '../categories/category.entity';
import type { Account } from './account.entity';

export enum TransactionKind {
  EXPENSE = 'EXPENSE',
  INCOME = 'INCOME',
  TRANSFER = 'TRANSFER',
}
registerEnumType(TransactionKind, {
  name: 'TransactionKind',
  description: 'A transfer moves money between two accounts: neither spending nor income',
});

/**
 * One movement of money. Amounts are positive; the kind says which way they go. Money fields
 * (amount, toAmount, reportingAmount) and relations are resolved by TransactionResolver.
 */
@ObjectType()
@Entity('transactions')
export class Transaction {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Field(() => TransactionKind)
  @Column({ type: 'varchar', length: 10 })
  kind!: TransactionKind;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  payee!: string | null;

  @Column({ type: 'integer' })
  accountId!: number;

  @Field({ description: 'The currency of `amount`, as written (ISO 4217)' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  /** `amount` in the account's currency: what the account's balance moves by. */
  @Column({ type: 'bigint', transformer: minorUnits })
  accountAmountMinor!: number;

  @Column({ type: 'integer', nullable: true })
  toAccountId!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: minorUnits })
  toAmountMinor!: number | null;

  @Column({ type: 'integer', nullable: true })
  categoryId!: number | null;

  @Column({ type: 'bigint', transformer: minorUnits })
  reportingAmountMinor!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The rate from `currency` to the reporting currency fixed at booking ("1" when the same)',
  })
  @Column({ type: 'varchar', length: 40 })
  rate!: string;

  @Field(() => DateScalar, { description: 'The day of the rate used' })
  @Column({ type: 'date' })
  rateDate!: string;

  @Field({ description: 'Where the rate came from: SAME, MANUAL, ECB or PROVIDER' })
  @Column({ type: 'varchar', length: 20 })
  rateSource!: string;

  @Column({ type: 'integer', nullable: true })
  createdByUserId!: number | null;

  @Column({ type: 'integer', nullable: true })
  updatedByUserId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;

  /** Attached by the service when read; not columns. */
  account?: Account;
  toAccount?: Account | null;
  category?: Category | null;
}
