import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';

export enum PayoffStrategy {
  SNOWBALL = 'SNOWBALL',
  AVALANCHE = 'AVALANCHE',
}
registerEnumType(PayoffStrategy, {
  name: 'PayoffStrategy',
  description: 'SNOWBALL: smallest balance first; AVALANCHE: highest rate first',
});

@InputType({ description: 'A debt entered by hand' })
export class DebtInput {
  @Field({ description: 'Up to 100 characters' }) name!: string;
  @Field(() => DecimalScalar, { description: 'What is owed now; greater than 0' })
  balance!: string;
  @Field({ description: '"0.199" = 19.9 % a year; from 0 to 1, at most 6 decimals' })
  annualRate!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0' }) minimumPayment!: string;
  @Field({ nullable: true, description: "ISO 4217; default: the caller's currency" })
  currency?: string;
}

@InputType({ description: "A debt that follows a LOAN or CREDIT_CARD account's balance" })
export class AccountDebtInput {
  @Field(() => ID) accountId!: string;
  @Field({ nullable: true, description: "Default: the account's name" }) name?: string;
  @Field({ description: '"0.199" = 19.9 % a year; from 0 to 1, at most 6 decimals' })
  annualRate!: string;
  @Field(() => DecimalScalar, { description: "Greater than 0, in the account's currency" })
  minimumPayment!: string;
}

@ObjectType('Debt')
export class DebtView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => DecimalScalar, {
    description: "What is owed now; for an account's debt, what the account owes (0 when none)",
  })
  balance!: Money;
  @Field({ description: '"0.199" = 19.9 % a year' }) annualRate!: string;
  @Field(() => DecimalScalar) minimumPayment!: Money;
  @Field() currency!: string;
  @Field(() => ID, { nullable: true, description: 'The account it follows; null: entered by hand' })
  accountId!: string | null;
  @Field(() => String, { nullable: true }) accountName!: string | null;
  @Field(() => DecimalScalar, { description: "This month's interest on the balance" })
  monthlyInterest!: Money;
  @Field({
    description: 'false: the minimum does not cover the interest, so it alone never pays it off',
  })
  coversInterest!: boolean;
}

@ObjectType()
export class DebtBalance {
  @Field(() => ID) debtId!: string;
  @Field(() => DecimalScalar) balance!: Money;
}

@ObjectType({ description: 'One simulated month, after its interest and payments' })
export class PayoffMonth {
  @Field(() => MonthScalar) month!: string;
  @Field(() => DecimalScalar, { description: 'Interest charged this month, all debts' })
  interest!: Money;
  @Field(() => DecimalScalar, { description: 'Paid this month, all debts' }) payment!: Money;
  @Field(() => DecimalScalar, { description: 'Owed at the end of the month, all debts' })
  balance!: Money;
  @Field(() => [DebtBalance], { description: 'Owed at the end of the month, per debt' })
  balances!: DebtBalance[];
}

@ObjectType()
export class DebtPayoff {
  @Field(() => ID) debtId!: string;
  @Field() name!: string;
  @Field(() => Int, { description: "The debt's place in the strategy's order, 1 first" })
  order!: number;
  @Field(() => Int, { nullable: true, description: 'null: never paid off at this payment' })
  months!: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'null: never paid off' })
  payoffDate!: string | null;
  @Field(() => DecimalScalar) interest!: Money;
}

@ObjectType({
  description:
    "A month-by-month payoff simulation in the caller's currency. Month 1 is next month; each " +
    'month charges interest = balance * annualRate / 12 rounded half to even to the minor unit, ' +
    "then pays every minimum, then the rest of the budget (all minimums + extra) by the strategy's order.",
})
export class PayoffPlan {
  @Field(() => PayoffStrategy) strategy!: PayoffStrategy;
  @Field() currency!: string;
  @Field(() => DecimalScalar) extraPerMonth!: Money;
  @Field(() => DecimalScalar, { description: 'All minimums plus the extra' })
  monthlyBudget!: Money;
  @Field(() => Int, { description: 'Months until all is paid (the months simulated when never)' })
  months!: number;
  @Field(() => DecimalScalar) totalInterest!: Money;
  @Field(() => DateScalar, {
    description: 'The last day of the final payment month (of the 100-year horizon when never)',
  })
  payoffDate!: string;
  @Field({ description: 'false: some debt is never paid off at this payment' })
  paidOff!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it never ends, when it does not' })
  message!: string | null;
  @Field(() => [DebtPayoff]) debts!: DebtPayoff[];
  @Field(() => [PayoffMonth]) schedule!: PayoffMonth[];
  @Field(() => Int, { nullable: true, description: 'Paying minimums only; null: never' })
  minimumsOnlyMonths!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Paying minimums only; null: never' })
  minimumsOnlyInterest!: Money | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Interest saved against minimums only; null when either never ends',
  })
  interestSaved!: Money | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Months saved against minimums only; null when either never ends',
  })
  monthsSaved!: number | null;
}
