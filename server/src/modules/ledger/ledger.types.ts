import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { PageInfo } from '../expenses/expense.inputs';
import { AccountType } from './account.entity';
import { Transaction, TransactionKind } from './transaction.entity';

@InputType()
export class AccountInput {
  @Field({ description: 'Up to 100 characters, unique in the ledger ignoring case' }) name!: string;
  @Field(() => AccountType) type!: AccountType;
  @Field({ description: 'ISO 4217 code; fixed once the account has transactions' })
  currency!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'May be negative (cards, loans); default 0',
  })
  openingBalance?: string;
}

@InputType()
export class IncomeInput {
  @Field() description!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0' }) amount!: string;
  @Field({ nullable: true, description: 'Category name; an unknown name creates it' })
  category?: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => ID, { nullable: true, description: "Default: the ledger's oldest open account" })
  accountId?: string;
  @Field({ nullable: true, description: "Default: the account's currency" }) currency?: string;
  @Field({ nullable: true }) payee?: string;
}

@InputType()
export class TransferInput {
  @Field(() => ID) fromAccountId!: string;
  @Field(() => ID) toAccountId!: string;
  @Field(() => DecimalScalar, { description: 'What left, in the currency of the account it left' })
  amount!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'What arrived, in the currency of the account it reached; required between currencies',
  })
  toAmount?: string;
  @Field(() => DateScalar) date!: string;
  @Field({ nullable: true, description: 'Default: "Transfer"' }) description?: string;
}

@InputType()
export class TransactionInput {
  @Field(() => TransactionKind) kind!: TransactionKind;
  @Field() description!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => ID, { nullable: true }) accountId?: string;
  @Field({ nullable: true }) currency?: string;
  @Field(() => ID, { nullable: true }) toAccountId?: string;
  @Field(() => DecimalScalar, { nullable: true }) toAmount?: string;
  @Field({ nullable: true }) category?: string;
  @Field({ nullable: true }) payee?: string;
}

@InputType({ description: 'All given conditions must hold' })
export class TransactionFilter {
  @Field(() => ID, { nullable: true, description: 'Transactions from or to this account' })
  accountId?: string;
  @Field(() => TransactionKind, { nullable: true }) kind?: TransactionKind;
  @Field(() => MonthScalar, { nullable: true }) month?: string;
  @Field(() => DateScalar, { nullable: true }) from?: string;
  @Field(() => DateScalar, { nullable: true }) to?: string;
  @Field({ nullable: true, description: 'Category name, ignoring case' }) category?: string;
  @Field({ nullable: true, description: 'Text the description or payee contains, ignoring case' })
  search?: string;
  @Field({
    nullable: true,
    description: 'Expenses deductible under this tax category (its own mark, else its category’s)',
  })
  taxCategory?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only tax-deductible expenses; false: only the others',
  })
  taxDeductible?: boolean;
}

@ObjectType()
export class TransactionConnection {
  @Field(() => [Transaction]) nodes!: Transaction[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class DaySpending {
  @Field(() => DateScalar) date!: string;
  @Field(() => DecimalScalar) spent!: Money;
}

@ObjectType({ description: 'Balances at the end of a month, in the reporting currency' })
export class NetWorthPoint {
  @Field(() => MonthScalar) month!: string;
  @Field(() => DecimalScalar, { description: 'Sum of the accounts with a positive balance' })
  assets!: Money;
  @Field(() => DecimalScalar, { description: 'Sum of what is owed on accounts below zero' })
  liabilities!: Money;
  @Field(() => DecimalScalar) netWorth!: Money;
}
