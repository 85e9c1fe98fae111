import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';

@InputType()
export class CategoryRuleInput {
  @Field({ description: 'Text the description or payee contains, ignoring case (up to 100)' })
  match!: string;
  @Field({ description: 'Category name; an unknown name creates it when the rule is saved' })
  category!: string;
  @Field(() => ID, { nullable: true, description: 'Only transactions of this account' })
  accountId?: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "At least this amount, in the account's currency (else the caller's currency)",
  })
  minAmount?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'At most this amount' })
  maxAmount?: string;
}

@ObjectType('CategoryRule', {
  description:
    'Files transactions written without a category. The most specific rule wins: a rule with an ' +
    'account before one without, then one with an amount range, then the longer match, then the older.',
})
export class CategoryRuleView {
  @Field(() => ID) id!: number;
  @Field() match!: string;
  @Field(() => Category) category!: Category;
  @Field(() => ID, { nullable: true }) accountId!: number | null;
  @Field(() => DecimalScalar, { nullable: true }) minAmount!: Money | null;
  @Field(() => DecimalScalar, { nullable: true }) maxAmount!: Money | null;
  @Field(() => String, {
    nullable: true,
    description: 'The currency of the amount range; null without one',
  })
  currency!: string | null;
}
