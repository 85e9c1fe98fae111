import { ReportRow } from '../reports/report.types';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { Transaction } from '../ledger/transaction.entity';

@ObjectType({ description: 'A deductible expense and the tax category it counts under' })
export class TaxDeduction {
  @Field()
  taxCategory!: string;

  @Field(() => Transaction)
  transaction!: Transaction;
}

@ObjectType({ description: "Amounts in the caller's reporting currency" })
export class TaxSummary {
  @Field({ description: '"2024", or "2024/25" for a tax year that does not start on 1 January' })
  year!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [ReportRow], { description: 'Per tax category, by name' })
  byTaxCategory!: ReportRow[];

  @Field(() => DecimalScalar)
  total!: Money;

  @Field(() => [TaxDeduction], { description: 'Oldest first' })
  transactions!: TaxDeduction[];
}

@ObjectType({ description: 'Every expense of the category is deductible under the tax category' })
export class TaxCategoryMark {
  @Field(() => Category)
  category!: Category;

  @Field()
  taxCategory!: string;
}
