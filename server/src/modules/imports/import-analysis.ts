import type { DataSource } from 'typeorm';
import { AppError, badInput } from '../../errors';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import { dayRange, mapStatementRows, type ImportLine } from './import-rows';
import {
  accountOfBank,
  existingKeys,
  importedTransactions,
  readAccountMemory,
} from './import-store';
import { ImportFormat } from './import.types';
import type { StatementParser } from './import.service';
import type { CsvMapping, ParsedStatement, StatementAccount } from './statement';

export interface RowErrorView {
  line: number;
  field: string | null;
  message: string;
}

/** What a file would do to an account: the preview's answer and the commit's plan. */
export interface Analysis {
  format: ImportFormat;
  lines: ImportLine[];
  /** Sorted by line; at most ERRORS_KEPT, the last one saying how many more there are. */
  errors: RowErrorView[];
  /** Rows with at least one error. */
  failedRows: number;
  /**
   * Rows imported before (or repeated in the file), by their index in `lines` (not their line
   * number: an OFX file may hold every row on one line): the commit skips them.
   */
  duplicates: Set<number>;
  /** Rows (indexes in `lines`) matching a transaction entered by hand: same account, day, amount. */
  likely: Set<number>;
  mapping: CsvMapping | null;
  header: string[] | null;
  dateFormats: string[];
  savedMapping: boolean;
  bankAccount: string | null;
}

/** A long list of errors says what is wrong as well with its first thousand. */
const ERRORS_KEPT = 1000;

/** An IBAN or account number as banks print it, compared without spaces or case. */
export function bankAccountOf(account: StatementAccount | null): string | null {
  const raw = account?.iban ?? account?.accountNumber ?? null;
  const text = raw?.replace(/[\s-]+/g, '').toUpperCase() ?? '';
  return text === '' ? null : text.slice(0, 64);
}

const sameHeader = (a: string[] | null | undefined, b: string[] | null) =>
  !!a && !!b && a.length === b.length && a.every((name, i) => name.trim() === b[i]?.trim());

interface Deps {
  dataSource: DataSource;
  parse: StatementParser;
  transactionQueries: TransactionQueryService;
  accounts: AccountService;
}

interface Input {
  scope: LedgerScope;
  account: Account;
  content: Buffer;
  format: ImportFormat;
  /** Given by the caller (or stored by the preview); null: the account's saved one, or detect. */
  mapping: CsvMapping | null;
  forPreview: boolean;
  skipLikelyDuplicates?: boolean;
}

async function parse(
  deps: Deps,
  input: Input,
  mapping: CsvMapping | null,
): Promise<ParsedStatement> {
  try {
    return await deps.parse(input.content, input.format, mapping);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badInput(
      'uploadId',
      `This file cannot be read as ${input.format === ImportFormat.AUTO ? 'a bank statement' : input.format}: ${(error as Error).message}`,
    );
  }
}

export async function analyseStatement(deps: Deps, input: Input): Promise<Analysis> {
  const { account, scope } = input;
  const memory = await readAccountMemory(deps.dataSource, account.id);
  const csvPossible = input.format === ImportFormat.AUTO || input.format === ImportFormat.CSV;
  let savedMapping = false;
  let parsed: ParsedStatement;
  if (input.forPreview && input.mapping === null && csvPossible && memory?.csvMapping) {
    // The mapping saved with this account's last CSV import, when the header is the same.
    parsed = await parse(deps, input, memory.csvMapping);
    savedMapping = parsed.format === 'CSV' && sameHeader(parsed.csv?.header, memory.csvHeader);
    if (parsed.format === 'CSV' && !savedMapping) parsed = await parse(deps, input, null);
  } else {
    parsed = await parse(deps, input, input.mapping);
  }

  const bankAccount = bankAccountOf(parsed.account);
  if (bankAccount !== null) {
    if (memory?.bankAccount && memory.bankAccount !== bankAccount) {
      throw badInput(
        'accountId',
        `This file is for the bank account ${bankAccount}, but "${account.name}" was imported from ${memory.bankAccount}: choose the account it belongs to`,
      );
    }
    const other = await accountOfBank(deps.dataSource, scope.ledgerId, bankAccount, account.id);
    if (other !== null) {
      const name = (await deps.accounts.get(scope.ledgerId, other)).name;
      throw badInput(
        'accountId',
        `This file is for the bank account ${bankAccount}, which was imported into "${name}": choose that account`,
      );
    }
  }

  const mapped = await mapStatementRows(parsed.rows, account.currency);
  const firstLine = parsed.rows[0]?.line ?? 0;
  // The lines hold what is needed of the rows: a 100,000-row file's need not stay in memory.
  parsed.rows = [];
  const errors: RowErrorView[] = [
    ...parsed.errors.map((e) => ({ line: e.line, field: e.field, message: e.message })),
    ...mapped.errors,
  ];
  const dateFormats = parsed.csv?.ambiguousDateFormats ?? [];
  if (dateFormats.length > 1) {
    errors.push({
      line: firstLine,
      field: 'dateFormat',
      message: `The dates could be read as ${dateFormats.join(' or ')}: choose the date format`,
    });
  }
  if (mapped.lines.length === 0 && errors.length === 0) {
    errors.push({ line: 0, field: 'uploadId', message: 'The file holds no transactions' });
  }
  errors.sort((a, b) => a.line - b.line);
  const failedRows = new Set(errors.map((e) => e.line)).size;
  const kept =
    errors.length > ERRORS_KEPT
      ? [
          ...errors.slice(0, ERRORS_KEPT),
          {
            line: errors[ERRORS_KEPT].line,
            field: null,
            message: `...and ${errors.length - ERRORS_KEPT} more errors`,
          },
        ]
      : errors;

  // The commit reads the keys again inside its transaction; it needs the likely duplicates only
  // when asked to skip them.
  const duplicates = new Set<number>();
  if (input.forPreview || input.skipLikelyDuplicates) {
    const done = await existingKeys(
      deps.dataSource,
      account.id,
      mapped.lines.map((l) => l.key),
    );
    const seen = new Set<string>();
    mapped.lines.forEach((line, index) => {
      if (done.has(line.key) || seen.has(line.key)) duplicates.add(index);
      seen.add(line.key);
    });
  }
  const likely =
    input.forPreview || input.skipLikelyDuplicates
      ? await likelyDuplicates(deps, input, mapped.lines, duplicates)
      : new Set<number>();
  return {
    format: parsed.format as ImportFormat,
    lines: mapped.lines,
    errors: kept,
    failedRows,
    duplicates,
    likely,
    mapping: parsed.csv?.mapping ?? null,
    header: parsed.csv?.header ?? null,
    dateFormats: dateFormats.length > 1 ? dateFormats : [],
    savedMapping,
    bankAccount,
  };
}

/**
 * The new lines that match a transaction of the account entered by hand (or by anything but an
 * import) on the same day with the same amount, each such transaction matched once.
 */
async function likelyDuplicates(
  deps: Deps,
  input: Input,
  lines: ImportLine[],
  duplicates: Set<number>,
): Promise<Set<number>> {
  const likely = new Set<number>();
  const candidates = lines.flatMap((line, index) =>
    !duplicates.has(index) && line.currency === input.account.currency ? [{ line, index }] : [],
  );
  if (candidates.length === 0) return likely;
  const days = dayRange(candidates.map((c) => c.line));
  if (!days) return likely;
  const movements = await deps.transactionQueries.accountMovements(
    input.scope.ledgerId,
    input.account.id,
    days.from,
    days.to,
  );
  if (movements.length === 0) return likely;
  const imported = await importedTransactions(
    deps.dataSource,
    movements.map((m) => m.id),
  );
  const byHand = new Map<string, number>();
  for (const m of movements) {
    if (imported.has(m.id)) continue;
    const key = `${m.date}|${m.minor}`;
    byHand.set(key, (byHand.get(key) ?? 0) + 1);
  }
  for (const { line, index } of candidates) {
    const key = `${line.date}|${line.minor}`;
    const left = byHand.get(key) ?? 0;
    if (left === 0) continue;
    byHand.set(key, left - 1);
    likely.add(index);
  }
  return likely;
}
