import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { TransactionKind } from '../ledger/transaction.entity';

export enum ImportFormat {
  AUTO = 'AUTO',
  CSV = 'CSV',
  OFX = 'OFX',
  QIF = 'QIF',
  CAMT053 = 'CAMT053',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'AUTO detects the format from the content; OFX covers QFX',
});

@InputType({
  description: 'How a CSV file is read; columns count from 0. Unset fields are detected.',
})
export class CsvMapping {
  @Field(() => Int, { nullable: true })
  date?: number | null;

  @Field(() => Int, { nullable: true, description: 'One signed amount column...' })
  amount?: number | null;

  @Field(() => Int, { nullable: true, description: '...or money out...' })
  debit?: number | null;

  @Field(() => Int, { nullable: true, description: '...and money in' })
  credit?: number | null;

  @Field(() => Int, { nullable: true })
  description?: number | null;

  @Field(() => Int, { nullable: true })
  payee?: number | null;

  @Field(() => Int, { nullable: true })
  category?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, YYYYMMDD, ...',
  })
  dateFormat?: string | null;

  @Field(() => String, { nullable: true, description: '"." or ","' })
  decimalSeparator?: string | null;

  @Field(() => String, { nullable: true })
  delimiter?: string | null;

  @Field(() => String, { nullable: true, description: 'utf-8, windows-1252 or iso-8859-1' })
  encoding?: string | null;

  @Field(() => Int, { nullable: true, description: 'Rows before the header (bank preambles)' })
  skipRows?: number | null;
}

@ObjectType({ description: 'A row the import cannot take, by its line in the file' })
export class ImportRowError {
  @Field(() => Int, { description: '1-based line of the file; 0 when the error is the whole file' })
  line!: number;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field()
  message!: string;
}

@ObjectType()
export class ImportRow {
  @Field(() => Int)
  line!: number;

  @Field(() => DateScalar, { nullable: true })
  date!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  payee!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unsigned; the kind says which way' })
  amount!: Money | null;

  @Field(() => String, { nullable: true, description: 'The currency of `amount`' })
  currency!: string | null;

  @Field(() => TransactionKind, { nullable: true })
  kind!: TransactionKind | null;

  @Field(() => Category, {
    nullable: true,
    description: 'The category the row will get, when it exists already',
  })
  category!: Category | null;

  @Field(() => String, {
    nullable: true,
    description: 'The name of the category the row will get (made on commit when new)',
  })
  categoryName!: string | null;

  @Field({ description: 'Imported before: the commit skips it' })
  duplicate!: boolean;

  @Field({
    description:
      'Matches a transaction entered by hand (same account, day and amount): imported unless ' +
      'the commit is asked to skip likely duplicates',
  })
  likelyDuplicate!: boolean;
}

@ObjectType()
export class ImportPreview {
  @Field(() => ID)
  importId!: string;

  @Field(() => ImportFormat)
  format!: ImportFormat;

  @Field(() => Int, { description: 'Rows read from the file, errors excluded' })
  total!: number;

  @Field(() => Int)
  duplicates!: number;

  @Field(() => Int)
  likelyDuplicates!: number;

  @Field(() => [ImportRow], { description: 'The first 50 rows' })
  rows!: ImportRow[];

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];

  @Field(() => String, { nullable: true, description: 'CSV: the mapping used, as JSON' })
  mapping!: string | null;

  @Field(() => [String], { nullable: true, description: "CSV: the file's header row" })
  header!: string[] | null;

  @Field(() => [String], {
    description: 'CSV: the date formats the data allows when it cannot tell them apart; pick one',
  })
  dateFormats!: string[];

  @Field({ description: "True when the account's saved mapping was used" })
  savedMapping!: boolean;
}

@ObjectType()
export class ImportResult {
  @Field(() => ID)
  importId!: string;

  @Field({ description: 'PREVIEWED, RUNNING, DONE or FAILED' })
  status!: string;

  @Field(() => Int)
  imported!: number;

  @Field(() => Int)
  skippedDuplicates!: number;

  @Field(() => Int, { description: 'Rows with errors (nothing is imported when any fails)' })
  failed!: number;

  @Field(() => Float, { description: 'From 0 to 1' })
  progress!: number;

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];

  @Field(() => ID, {
    nullable: true,
    description: 'The account a bank file went into; null for a restored export (all accounts)',
  })
  accountId!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first day of the rows imported' })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day of the rows imported' })
  to!: string | null;
}
