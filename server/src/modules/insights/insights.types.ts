import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Transaction } from '../ledger/transaction.entity';

@ObjectType('Insight', {
  description:
    'Something worth knowing about a month, with what it is based on and its transactions',
})
export class InsightView {
  @Field(() => ID) id!: string;
  @Field({
    description: 'CATEGORY_ROSE, CATEGORY_FELL, UNUSUAL_EXPENSE, PRICE_RISE or MISSED_BILL',
  })
  kind!: string;
  @Field() title!: string;
  @Field({ description: 'What the insight is based on, with its numbers' }) explanation!: string;
  @Field(() => MonthScalar, { nullable: true }) month!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The change, the unusual amount, the price rise or the missed bill',
  })
  amount!: Money | null;
  @Field(() => [Transaction], { description: 'The transactions that made the difference' })
  transactions!: Transaction[];
}

@ObjectType('HealthComponent')
export class HealthComponentView {
  @Field() name!: string;
  @Field() value!: string;
  @Field(() => Int) points!: number;
  @Field(() => Int) maxPoints!: number;
  @Field() explanation!: string;
}

@ObjectType('HealthScore', { description: 'A monthly financial health score from 0 to 100' })
export class HealthScoreView {
  @Field(() => MonthScalar) month!: string;
  @Field(() => Int) score!: number;
  @Field(() => [HealthComponentView]) components!: HealthComponentView[];
}
