import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { Expense } from './expense.types';

@InputType()
export class ExpenseInput {
  @Field({ description: 'Up to 200 characters' }) description!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0' }) amount!: string;
  @Field({ description: 'Category name, ignoring case; an unknown name creates the category' })
  category!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => ID, { nullable: true, description: "Default: the ledger's oldest open account" })
  accountId?: string;
  @Field({ nullable: true, description: "ISO 4217; default: the account's currency" })
  currency?: string;
}

@InputType({ description: 'All given conditions must hold' })
export class ExpenseFilter {
  @Field(() => MonthScalar, { nullable: true }) month?: string;
  @Field(() => DateScalar, { nullable: true, description: 'From this day, inclusive' })
  from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Up to this day, inclusive' })
  to?: string;
  @Field({ nullable: true, description: 'Category name, ignoring case' }) category?: string;
  @Field({ nullable: true, description: 'Text the description contains, ignoring case' })
  search?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class ExpenseConnection {
  @Field(() => [Expense]) nodes!: Expense[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
