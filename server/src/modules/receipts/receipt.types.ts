import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { PageInfo } from '../expenses/expense.inputs';
import type { Transaction } from '../ledger/transaction.entity';

export enum ReceiptStatus {
  QUEUED = 'QUEUED',
  READING = 'READING',
  READ = 'READ',
  FAILED = 'FAILED',
}
registerEnumType(ReceiptStatus, {
  name: 'ReceiptStatus',
  description: 'QUEUED until a worker takes it; READ or FAILED once read',
});

@ObjectType({ description: 'One value read from a receipt and how sure the reading is' })
export class ReceiptField {
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => Float, { description: '0 (a guess or nothing found) to 1 (certain)' })
  confidence!: number;
}

/** A receipt as the API shows it; `expense` is resolved by ReceiptResolver. */
@ObjectType('Receipt')
export class ReceiptView {
  @Field(() => ID) id!: string;
  @Field(() => ReceiptStatus) status!: ReceiptStatus;
  @Field(() => ReceiptField, { description: "The shop's name" }) merchant!: ReceiptField;
  @Field(() => ReceiptField, { description: 'The purchase day, YYYY-MM-DD' }) date!: ReceiptField;
  @Field(() => ReceiptField, { description: 'A decimal string in `currency`' })
  total!: ReceiptField;
  @Field(() => String, { nullable: true, description: 'ISO 4217, when the receipt names one' })
  currency!: string | null;
  @Field(() => String, { nullable: true, description: 'All the text read' }) text!: string | null;
  @Field({ description: 'ISO 8601 timestamp' }) uploadedAt!: string;
  @Field({ description: 'The file name it was uploaded under' }) name!: string;
  @Field({ description: 'image/jpeg or application/pdf' }) contentType!: string;
  @Field({ description: 'GET: the stored picture (or PDF), to members of its ledger only' })
  imageUrl!: string;
  @Field({ description: 'GET: a small JPEG of it' }) thumbnailUrl!: string;
  @Field({ description: 'Kept for tax purposes' }) taxKept!: boolean;
  @Field(() => String, { nullable: true, description: 'Why reading it failed (FAILED)' })
  failure!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The category of this merchant's earlier receipts, when remembered",
  })
  suggestedCategory!: string | null;
  /** The expense it is attached to, loaded with its page (ReceiptResolver.expense). */
  expenseRow!: Transaction | null;
}

@ObjectType()
export class ReceiptConnection {
  @Field(() => [ReceiptView]) nodes!: ReceiptView[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType({ description: 'All given conditions must hold' })
export class ReceiptFilter {
  @Field({
    nullable: true,
    description: 'Text the merchant, the text read or the file name contains',
  })
  search?: string;
  @Field(() => MonthScalar, {
    nullable: true,
    description: "The receipt's month: its date once read, else the month it was uploaded",
  })
  month?: string;
  @Field({ nullable: true, description: 'Only receipts not yet attached to an expense' })
  unmatched?: boolean;
}

@InputType({ description: 'The expense a receipt becomes; the merchant is its payee' })
export class ReceiptExpenseInput {
  @Field({ description: 'Up to 100 characters' }) merchant!: string;
  @Field(() => DecimalScalar, { description: 'Greater than 0' }) amount!: string;
  @Field(() => DateScalar) date!: string;
  @Field({ nullable: true, description: "ISO 4217; default: the account's currency" })
  currency?: string;
  @Field({
    nullable: true,
    description: "Default: the merchant's remembered category, else the rules and payee history",
  })
  category?: string;
  @Field(() => ID, { nullable: true, description: "Default: the ledger's oldest open account" })
  accountId?: string;
  @Field({ nullable: true, description: 'Default: the merchant' }) description?: string;
}
