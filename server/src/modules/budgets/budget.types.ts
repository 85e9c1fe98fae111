import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';

@InputType()
export class BudgetCategoryInput {
  @Field({ description: 'Category name, ignoring case; an unknown name creates the category' })
  category!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0' }) targetAmount!: string;
  @Field(() => MonthScalar) targetMonth!: string;
}

@ObjectType('BudgetCategory', { description: 'A spending target for one category in one month' })
export class BudgetCategoryView {
  @Field(() => ID) id!: number;
  @Field(() => Category) category!: Category;
  @Field(() => MonthScalar) targetMonth!: string;
  @Field(() => DecimalScalar) targetAmount!: Money;
  @Field(() => DecimalScalar, { description: 'Spent in this category in targetMonth only' })
  spent!: Money;
  @Field(() => DecimalScalar, { description: 'targetAmount - spent; negative when over' })
  remaining!: Money;
}
