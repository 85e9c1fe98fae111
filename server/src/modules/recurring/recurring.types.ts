import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { TransactionKind } from '../ledger/transaction.entity';
import { RecurringMode, type RecurringRule } from './recurring-rule.entity';

registerEnumType(RecurringMode, {
  name: 'RecurringMode',
  description: 'AUTO posts on the day; EXPECT waits to be matched or confirmed',
});

@ObjectType('RecurringRule', { description: 'A transaction that recurs on an RFC 5545 schedule' })
export class RecurringRuleView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'RRULE parts without DTSTART, e.g. "FREQ=MONTHLY;BYMONTHDAY=-1"' })
  rrule!: string;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The first date not yet posted, matched, confirmed or skipped; null when ended',
  })
  nextDate!: string | null;

  @Field(() => RecurringMode)
  mode!: RecurringMode;

  @Field(() => TransactionKind)
  kind!: TransactionKind;

  @Field(() => DecimalScalar)
  amount!: Money;

  @Field({ description: "The account's currency" })
  currency!: string;

  @Field(() => String, { nullable: true })
  payee!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The category as written on the rule; `category` stays null until a category of that name exists (the first post makes it)',
  })
  categoryName!: string | null;

  @Field()
  description!: string;

  @Field({ description: 'A paused rule posts nothing and is left out of bills and costs' })
  paused!: boolean;

  /** For the field resolvers. */
  rule!: RecurringRule;
}

export function toRuleView(rule: RecurringRule): RecurringRuleView {
  return Object.assign(new RecurringRuleView(), {
    id: String(rule.id),
    name: rule.name,
    rrule: rule.rrule,
    startDate: rule.startDate,
    nextDate: rule.nextDate,
    mode: rule.mode,
    kind: rule.kind,
    amount: money(rule.amountMinor, currencyDigits(rule.currency)),
    currency: rule.currency,
    payee: rule.payee,
    categoryName: rule.categoryName,
    description: rule.description,
    paused: rule.paused,
    rule,
  });
}

@ObjectType()
export class UpcomingBill {
  @Field(() => RecurringRuleView)
  rule!: RecurringRuleView;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => DecimalScalar, { description: "In the rule's currency" })
  amount!: Money;

  @Field({ description: 'An expected payment whose day has passed, not yet matched or confirmed' })
  overdue!: boolean;
}

@InputType()
export class RecurringRuleInput {
  @Field()
  name!: string;

  @Field({
    description:
      'RRULE parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY (-1: the last day; 29-31 fall on the last day of shorter months), BYMONTH, COUNT, UNTIL',
  })
  rrule!: string;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => RecurringMode)
  mode!: RecurringMode;

  @Field(() => TransactionKind)
  kind!: TransactionKind;

  @Field(() => DecimalScalar, { description: "In the account's currency; > 0" })
  amount!: string;

  @Field(() => ID, { nullable: true, description: "Default: the ledger's oldest open account" })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Transfers: where the money goes' })
  toAccountId?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true })
  payee?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The posted transactions' description; default: the name",
  })
  description?: string | null;
}
