import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { AccountType } from '../ledger/account.entity';

@InputType()
export class GoalInput {
  @Field({ description: 'Up to 100 characters' }) name!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0, in the goal currency' })
  targetAmount!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Not in the past' })
  targetDate?: string | null;
  @Field({ nullable: true, description: "ISO 4217; default: the caller's currency" })
  currency?: string;
  @Field(() => [ID], {
    nullable: true,
    description:
      "Accounts whose balances count towards the goal (an INVESTMENT account's market value); " +
      'left out on update: unchanged',
  })
  accountIds?: string[] | null;
}

@ObjectType()
export class GoalContributionView {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => DecimalScalar) amount!: Money;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class GoalAccountView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AccountType) type!: AccountType;
  @Field() currency!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "What it counts for, in the goal's currency today; null: no exchange rate",
  })
  value!: Money | null;
}

@ObjectType('Goal')
export class GoalView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() currency!: string;
  @Field(() => DecimalScalar) targetAmount!: Money;
  @Field(() => DecimalScalar, { description: 'Contributions plus the linked accounts today' })
  savedAmount!: Money;
  @Field(() => DecimalScalar) contributedAmount!: Money;
  @Field(() => DateScalar, { nullable: true }) targetDate!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'When the target is reached at the pace of this month and the two before (the last day ' +
      'of that month); null when they brought nothing, when reached, or beyond 100 years',
  })
  projectedDate!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "The rest divided over the months from this one to the target date's month, rounded up " +
      'to the minor unit; 0 once reached; null without a target date',
  })
  neededPerMonth!: Money | null;
  @Field(() => DecimalScalar, {
    description: 'What came in per month on average over this month and the two before',
  })
  monthlyPace!: Money;
  @Field(() => Int, { description: 'Whole percent of the target saved, rounded down; >= 0' })
  progressPercent!: number;
  @Field() reached!: boolean;
  @Field(() => [GoalContributionView], { description: 'Newest first' })
  contributions!: GoalContributionView[];
  @Field(() => [GoalAccountView]) accounts!: GoalAccountView[];
}
