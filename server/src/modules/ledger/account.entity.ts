import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

export enum AccountType {
  CHECKING = 'CHECKING',
  SAVINGS = 'SAVINGS',
  CREDIT_CARD = 'CREDIT_CARD',
  CASH = 'CASH',
  LOAN = 'LOAN',
  INVESTMENT = 'INVESTMENT',
  OTHER = 'OTHER',
}
registerEnumType(AccountType, { name: 'AccountType' });

/** Where money is held, in one currency. `openingBalance` and `balance` come from the resolver. */
@ObjectType({ description: 'A bank account, card, cash, loan or investment account' })
@Entity('accounts')
export class Account {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Lower-cased name: one account per name per ledger, ignoring case. */
  @Column({ type: 'varchar', length: 100 })
  nameKey!: string;

  @Field(() => AccountType)
  @Column({ type: 'varchar', length: 20 })
  type!: AccountType;

  @Field({ description: 'ISO 4217 code; amounts of this account are in it' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** Signed: a card or a loan opens below zero. */
  @Column({ type: 'bigint', transformer: minorUnits })
  openingBalanceMinor!: number;

  @Field({ description: 'Archived accounts take no new transactions and are hidden by default' })
  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
