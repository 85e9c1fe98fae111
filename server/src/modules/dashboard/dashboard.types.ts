import { Field, ObjectType } from 'type-graphql';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';

@ObjectType()
export class MonthSummary {
  @Field(() => MonthScalar) month!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null when no budget is set' })
  budget!: Money | null;
  @Field(() => DecimalScalar) spent!: Money;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'budget - spent; null without a budget',
  })
  savings!: Money | null;
  @Field(() => DecimalScalar, { description: "The month's income" }) income!: Money;
}

@ObjectType()
export class CategorySpending {
  @Field(() => Category) category!: Category;
  @Field(() => DecimalScalar) spent!: Money;
}

/**
 * A month at a glance. Each field is computed only when asked for; fields that share a query
 * (spent and byCategory, budget and savings) share it through `once`.
 */
@ObjectType()
export class Dashboard {
  @Field(() => MonthScalar) month: string;
  readonly ledgerId: number;
  readonly digits: number;
  private readonly results = new Map<string, Promise<unknown>>();

  constructor(ledgerId: number, month: string, digits: number) {
    this.ledgerId = ledgerId;
    this.month = month;
    this.digits = digits;
  }

  once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.results.has(key)) this.results.set(key, compute());
    return this.results.get(key) as Promise<T>;
  }
}
