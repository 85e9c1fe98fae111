import { Field, Int, ObjectType } from 'type-graphql';
import { MonthScalar } from '../../graphql/scalars';
import { Category } from './category.entity';

@ObjectType({ description: 'How much a category is used, hidden ones included' })
export class CategoryUsage {
  @Field(() => Category)
  category!: Category;

  @Field(() => Int, { description: 'Expenses and income filed under it' })
  transactionCount!: number;

  @Field(() => MonthScalar, {
    nullable: true,
    description: 'The latest month with a transaction in it; null when unused',
  })
  lastUsedMonth!: string | null;
}
