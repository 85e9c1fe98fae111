import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { Budget } from './budget.entity';

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

@ObjectType('BudgetCopy', { description: 'What copyBudget wrote into the target month' })
export class BudgetCopyView {
  @Field(() => Budget, {
    nullable: true,
    description: "The target month's budget after the copy (copied or kept); null when none",
  })
  budget!: Budget | null;
  @Field({ description: 'Whether the budget was copied (false when the month had one)' })
  budgetCopied!: boolean;
  @Field(() => Int, { description: 'Targets copied; categories with a target already keep it' })
  targetsCopied!: number;
}
