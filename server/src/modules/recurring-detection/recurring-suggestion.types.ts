import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { TransactionKind } from '../ledger/transaction.entity';

@ObjectType('RecurringSuggestion', {
  description: 'A series found in the history: same payee, a regular interval, similar amounts',
})
export class RecurringSuggestionView {
  @Field(() => ID) id!: number;
  @Field() payee!: string;
  @Field({ description: 'RFC 5545, e.g. FREQ=MONTHLY;BYMONTHDAY=-1 (the last day of the month)' })
  rrule!: string;
  @Field({ description: 'WEEKLY, BIWEEKLY, MONTHLY, QUARTERLY or YEARLY' }) cadence!: string;
  @Field(() => TransactionKind) kind!: TransactionKind;
  @Field(() => DecimalScalar, { description: 'The median of the payments, in `currency`' })
  amount!: Money;
  @Field() currency!: string;
  @Field(() => ID) accountId!: number;
  @Field(() => Int) occurrences!: number;
  @Field(() => DateScalar) firstDate!: string;
  @Field(() => DateScalar) lastDate!: string;
  @Field(() => DateScalar, { description: 'When the next payment is due by the rule' })
  nextDate!: string;
}
