import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';

export enum ReportGroupBy {
  MONTH = 'MONTH',
  CATEGORY = 'CATEGORY',
  PAYEE = 'PAYEE',
  ACCOUNT = 'ACCOUNT',
  TAX_CATEGORY = 'TAX_CATEGORY',
}
registerEnumType(ReportGroupBy, { name: 'ReportGroupBy' });

export enum ReportSchedule {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

@InputType()
export class ReportInput {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar, { description: 'Inclusive; at most 10 years after `from`' })
  to!: string;
  @Field(() => ReportGroupBy) groupBy!: ReportGroupBy;
  @Field(() => [ID], { nullable: true, description: 'Only these accounts; all when absent' })
  accountIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Only these categories (names)' })
  categories?: string[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only expenses marked tax-deductible (by their category or themselves)',
  })
  taxDeductibleOnly?: boolean | null;
}

@ObjectType()
export class ReportRow {
  @Field({
    description:
      'The month (YYYY-MM), category, payee or account name, or tax category ("Not deductible": expenses without one)',
  })
  key!: string;
  @Field(() => ID, {
    nullable: true,
    description: "The category's or account's id (for drilling down); null for months and payees",
  })
  id!: string | null;
  @Field(() => DecimalScalar) total!: Money;
  @Field(() => Int) count!: number;
  @Field(() => DecimalScalar, { description: 'total / count, rounded half away from zero' })
  average!: Money;
}

@ObjectType({ description: "A period's spending, in the caller's reporting currency" })
export class Report {
  @Field(() => [ReportRow]) rows!: ReportRow[];
  @Field(() => DecimalScalar) total!: Money;
  @Field(() => Int) count!: number;
  @Field(() => DecimalScalar) average!: Money;
  @Field() currency!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => ReportGroupBy) groupBy!: ReportGroupBy;
  @Field() taxDeductibleOnly!: boolean;
}

@ObjectType({ description: 'What a saved report asks for, as saved' })
export class SavedReportInput {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => ReportGroupBy) groupBy!: ReportGroupBy;
  @Field(() => [ID], { nullable: true }) accountIds!: string[] | null;
  @Field(() => [String], { nullable: true }) categories!: string[] | null;
  @Field(() => Boolean, { nullable: true }) taxDeductibleOnly!: boolean | null;
}

@ObjectType()
export class SavedReport {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => SavedReportInput) input!: SavedReportInput;
  @Field(() => String, {
    nullable: true,
    description: 'WEEKLY or MONTHLY: mailed (the PDF attached) for the week or month just ended',
  })
  schedule!: string | null;
  @Field({ description: "Whether the schedule mails the report to its owner's address" })
  email!: boolean;
}
