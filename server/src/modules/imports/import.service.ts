import { Brackets, LessThan, type DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput, notFound } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { money } from '../../lib/money';
import { log } from '../../log';
import type { CategoryService } from '../categories/category.service';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import type { Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { TransactionService } from '../ledger/transaction.service';
import type { UploadService } from '../uploads/upload.service';
import type { UserService } from '../users/user.service';
import { analyseStatement, type Analysis, type RowErrorView } from './import-analysis';
import {
  dayRange,
  draftChunks,
  inDateOrder,
  kindOf,
  turn,
  unsignedMinor,
  type ImportLine,
} from './import-rows';
import { existingKeys, insertKeys, rememberAccount } from './import-store';
import { ImportRecord } from './import.entity';
import {
  ImportFormat,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
} from './import.types';
import type { CsvMapping, ParsedStatement } from './statement';

/** The parsers' entry point (parse/), handed in so that tests and the job runner share it. */
export type StatementParser = (
  data: Buffer,
  format: ImportFormat,
  mapping: CsvMapping | null,
) => Promise<ParsedStatement>;

const PREVIEW_ROWS = 50;
/**
 * Rows per call of the write path in a commit; progress is written after each. better-sqlite3
 * runs every statement on the main thread, so SQLite takes small steps with a turn of the event
 * loop between them (250 rows: about 15 ms here); MySQL's answers come over the network and
 * leave the event loop free anyway, so it takes bigger ones: one chunk is prepared while the
 * one before is written. 2,500 rather than 5,000: measured on 100,000 rows, 5,000 was about 15%
 * faster but held two big chunks at once, and the peak memory went past 200 MB.
 */
const COMMIT_CHUNK = { sqlite: 250, mysql: 2500 };
/**
 * How long a claimed commit is its claimer's; renewed with each chunk. Another instance (the job
 * runner) may take it over only after it lapses, i.e. when its process died mid-commit.
 */
export const LEASE_MS = 2 * 60 * 1000;
/** How often a running commit writes its progress (and renews its lease). */
const PROGRESS_EVERY_MS = 200;
/** How long a preview's analysis waits in memory for its commit. */
const ANALYSIS_KEPT_MS = 10 * 60 * 1000;

/** The errors that stop a commit, raised inside its transaction so that it rolls back. */
class RolledBack extends Error {
  constructor(readonly errors: RowErrorView[]) {
    super('The import was rolled back');
  }
}

const fileError = (message: string, field: string | null = null): RowErrorView => ({
  line: 0,
  field,
  message,
});

/**
 * Bank-file imports into one account, in two steps: `preview` parses the upload and reports what
 * a commit would do (rows, duplicates, errors) without writing money; `commit` claims the import
 * and writes every row through the ledger's write path in ONE database transaction, off the
 * request; `status` reports its progress.
 */
/** What a committed import tells its listeners (webhooks send it as `import.completed`). */
export interface ImportCompleted {
  importId: string;
  accountId: string;
  imported: number;
  skippedDuplicates: number;
  from: string | null;
  to: string | null;
}

export type ImportCompletedListener = (
  ledgerId: number,
  completed: ImportCompleted,
  manager: EntityManager,
) => Promise<void>;

export class ImportService {
  private readonly completedListeners: ImportCompletedListener[] = [];

  /**
   * The latest preview's analysis, for its commit when that runs in this process soon after: a
   * 100,000-row file is then not read twice. Only a shortcut: a commit elsewhere (another
   * instance, the job runner) or later reads the stored upload again.
   */
  private latest: { importId: number; analysis: Analysis; until: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: {
      uploads: UploadService;
      accounts: AccountService;
      transactions: TransactionService;
      transactionQueries: TransactionQueryService;
      categories: CategoryService;
      users: UserService;
      ledgers: LedgerAccessService;
      parse: StatementParser;
    },
  ) {}

  /**
   * Told of each committed import inside its database transaction, so that what a listener
   * queues exists exactly when the import does. Set at start-up (webhooks).
   */
  onCompleted(listener: ImportCompletedListener): void {
    this.completedListeners.push(listener);
  }

  async preview(
    scope: LedgerScope,
    input: {
      uploadId: string;
      accountId: string;
      format?: ImportFormat | null;
      mapping?: CsvMapping | null;
    },
  ): Promise<ImportPreview> {
    const account = await this.deps.accounts.get(
      scope.ledgerId,
      input.accountId,
      undefined,
      'accountId',
    );
    if (account.archived) {
      throw badInput(
        'accountId',
        `The account "${account.name}" is archived; unarchive it to import into it`,
      );
    }
    const upload = await this.deps.uploads.read(scope.user.id, input.uploadId);
    const analysis = await this.analyse(
      scope,
      account,
      upload.content,
      input.format ?? ImportFormat.AUTO,
      input.mapping ?? null,
      true,
    );
    const now = new Date();
    const record = this.dataSource.getRepository(ImportRecord).create({
      ledgerId: scope.ledgerId,
      accountId: account.id,
      userId: scope.user.id,
      uploadId: Number(upload.id),
      format: analysis.format,
      status: 'PREVIEWED',
      mapping: analysis.mapping ? JSON.stringify(analysis.mapping) : null,
      total: analysis.lines.length,
      duplicates: analysis.duplicates.size,
      likelyDuplicates: analysis.likely.size,
      imported: 0,
      skippedDuplicates: 0,
      failed: analysis.failedRows,
      processed: 0,
      skipLikelyDuplicates: false,
      errors: JSON.stringify(analysis.errors),
      firstDate: null,
      lastDate: null,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    await this.dataSource.getRepository(ImportRecord).insert(record);
    this.latest = { importId: record.id, analysis, until: Date.now() + ANALYSIS_KEPT_MS };
    return {
      importId: String(record.id),
      format: analysis.format,
      total: analysis.lines.length,
      duplicates: analysis.duplicates.size,
      likelyDuplicates: analysis.likely.size,
      rows: await this.previewRows(scope, account, analysis),
      errors: analysis.errors,
      mapping: analysis.mapping ? JSON.stringify(analysis.mapping) : null,
      header: analysis.header,
      dateFormats: analysis.dateFormats,
      savedMapping: analysis.savedMapping,
    };
  }

  /**
   * Starts the commit of a previewed import and answers at once (status RUNNING); a finished
   * import answers its result and changes nothing.
   */
  async commit(
    scope: LedgerScope,
    importId: string,
    skipLikelyDuplicates = false,
  ): Promise<ImportResult> {
    const record = await this.find(scope.ledgerId, importId);
    if (await this.claim(record.id, record.status === 'PREVIEWED' ? skipLikelyDuplicates : null)) {
      this.start(record.id);
    }
    return this.result(await this.find(scope.ledgerId, importId));
  }

  async status(scope: LedgerScope, importId: string): Promise<ImportResult> {
    return this.result(await this.find(scope.ledgerId, importId));
  }

  /**
   * Claims and runs the commit of an import: for the job runner, which calls it for imports whose
   * lease lapsed (a process that died mid-commit). Answers false when someone else holds it or it
   * is finished.
   */
  async runCommit(importId: number): Promise<boolean> {
    if (!(await this.claim(importId, null))) return false;
    await this.execute(importId);
    return true;
  }

  /** The imports left RUNNING by a process that died: what the job runner hands to runCommit. */
  async lapsedCommits(now = new Date()): Promise<number[]> {
    const rows = await this.dataSource.getRepository(ImportRecord).find({
      select: { id: true },
      where: { status: 'RUNNING', lockedUntil: LessThan(now) },
    });
    return rows.map((r) => r.id);
  }

  /** PREVIEWED, or RUNNING with a lapsed lease, becomes RUNNING under a new lease; else false. */
  private async claim(id: number, skipLikelyDuplicates: boolean | null): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ImportRecord)
      .set({
        status: 'RUNNING',
        lockedUntil: new Date(now.getTime() + LEASE_MS),
        updatedAt: now,
        ...(skipLikelyDuplicates === null ? {} : { skipLikelyDuplicates }),
      })
      .where('id = :id', { id })
      .andWhere(
        new Brackets((where) =>
          where
            .where('status = :previewed', { previewed: 'PREVIEWED' })
            .orWhere('(status = :running AND lockedUntil < :now)', { running: 'RUNNING', now }),
        ),
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private start(id: number): void {
    void this.execute(id).catch((error: unknown) => {
      log('error', 'Import commit crashed', { importId: id, error: String(error) });
    });
  }

  private async execute(id: number): Promise<void> {
    const repository = this.dataSource.getRepository(ImportRecord);
    const record = await repository.findOneBy({ id });
    if (!record || record.status !== 'RUNNING') return;
    try {
      if (record.failed > 0)
        throw new RolledBack(JSON.parse(record.errors ?? '[]') as RowErrorView[]);
      const user = await this.deps.users.findById(record.userId);
      if (!user) throw new RolledBack([fileError('The user who previewed this import is gone')]);
      const scope = await this.deps.ledgers.scope(user, String(record.ledgerId), 'write');
      const account = await this.deps.accounts.get(record.ledgerId, record.accountId);
      const analysis = await this.analysisFor(record, scope, account);
      if (analysis.errors.length > 0) throw new RolledBack(analysis.errors);
      await inTransaction(this.dataSource, (manager) =>
        this.write(record, scope, account, analysis, manager),
      );
    } catch (error) {
      await this.fail(record, this.errorsOf(error));
    }
  }

  /** The preview's analysis when this process still has it, else the stored upload read again. */
  private async analysisFor(
    record: ImportRecord,
    scope: LedgerScope,
    account: Account,
  ): Promise<Analysis> {
    const kept = this.latest;
    if (kept && kept.importId === record.id && kept.until > Date.now()) {
      this.latest = null;
      return kept.analysis;
    }
    const upload = await this.deps.uploads
      .read(record.userId, record.uploadId)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') {
          throw new RolledBack([
            fileError('The uploaded file has expired: upload it and preview again', 'uploadId'),
          ]);
        }
        throw error;
      });
    const mapping = record.mapping ? (JSON.parse(record.mapping) as CsvMapping) : null;
    return this.analyse(
      scope,
      account,
      upload.content,
      record.format as ImportFormat,
      mapping,
      false,
      record.skipLikelyDuplicates,
    );
  }

  private async write(
    record: ImportRecord,
    scope: LedgerScope,
    account: Account,
    analysis: Analysis,
    manager: Parameters<Parameters<typeof inTransaction>[1]>[0],
  ): Promise<void> {
    // Read again inside the transaction: another import may have written some rows since.
    const done = await existingKeys(
      manager,
      account.id,
      analysis.lines.map((l) => l.key),
    );
    const seen = new Set<string>();
    const kept: ImportLine[] = [];
    for (const [index, line] of analysis.lines.entries()) {
      if (done.has(line.key) || seen.has(line.key)) continue;
      if (record.skipLikelyDuplicates && analysis.likely.has(index)) continue;
      seen.add(line.key);
      kept.push(line);
    }
    const fresh = inDateOrder(kept);
    const skipped = analysis.lines.length - fresh.length;
    const errors: RowErrorView[] = [];
    let processed = skipped;
    let reported = 0;
    const size = COMMIT_CHUNK[manager.connection.options.type === 'mysql' ? 'mysql' : 'sqlite'];
    const chunks: ImportLine[][] = [];
    for (let start = 0; start < fresh.length; start += size) {
      chunks.push(fresh.slice(start, start + size));
    }
    await this.deps.transactions.recordChunks(
      scope,
      draftChunks(chunks, account.id),
      { manager, errors: 'collect' },
      async ({ written, errors: rowErrors }, chunkIndex) => {
        const chunk = chunks[chunkIndex];
        for (const { index, error } of rowErrors) {
          errors.push({
            line: chunk[index].line,
            field: error.field ?? null,
            message: error.message,
          });
        }
        if (errors.length === 0) {
          await insertKeys(
            manager,
            { ledgerId: record.ledgerId, accountId: account.id, importId: record.id },
            written.map((t, i) => ({ key: chunk[i].key, transactionId: t.id })),
          );
        }
        processed += chunk.length;
        // Each progress write is a commit of its own (a disk flush): a few per second suffice.
        if (Date.now() - reported >= PROGRESS_EVERY_MS) {
          reported = Date.now();
          await this.progress(record.id, processed);
        }
        await turn();
      },
    );
    if (errors.length > 0) throw new RolledBack(errors);
    const days = dayRange(fresh);
    const now = new Date();
    await manager.update(
      ImportRecord,
      { id: record.id },
      {
        status: 'DONE',
        imported: fresh.length,
        skippedDuplicates: skipped,
        failed: 0,
        processed: analysis.lines.length,
        errors: '[]',
        firstDate: days?.from ?? null,
        lastDate: days?.to ?? null,
        lockedUntil: null,
        updatedAt: now,
        finishedAt: now,
      },
    );
    await rememberAccount(manager, record.ledgerId, account.id, {
      bankAccount: analysis.bankAccount,
      csvMapping: analysis.format === ImportFormat.CSV ? analysis.mapping : null,
      csvHeader: analysis.header,
    });
    const completed: ImportCompleted = {
      importId: String(record.id),
      accountId: String(account.id),
      imported: fresh.length,
      skippedDuplicates: skipped,
      from: days?.from ?? null,
      to: days?.to ?? null,
    };
    for (const listener of this.completedListeners) {
      await listener(record.ledgerId, completed, manager);
    }
  }

  /**
   * Written from outside the commit's transaction (MySQL: another connection) so that
   * importStatus sees it while the commit runs; the lease is renewed with it.
   */
  private async progress(id: number, processed: number): Promise<void> {
    const now = new Date();
    await this.dataSource
      .createQueryBuilder()
      .update(ImportRecord)
      .set({ processed, lockedUntil: new Date(now.getTime() + LEASE_MS), updatedAt: now })
      .where('id = :id', { id })
      .execute();
  }

  private errorsOf(error: unknown): RowErrorView[] {
    if (error instanceof RolledBack) return error.errors;
    if (isUniqueViolation(error)) {
      return [
        fileError(
          'Another import wrote some of these rows at the same time: preview the file again',
        ),
      ];
    }
    if (error instanceof AppError) return [fileError(error.message, error.field ?? null)];
    log('error', 'Import commit failed', { error: String(error) });
    return [fileError('The import failed unexpectedly; nothing was imported')];
  }

  private async fail(record: ImportRecord, errors: RowErrorView[]): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(ImportRecord).update(
      { id: record.id },
      {
        status: 'FAILED',
        errors: JSON.stringify(errors),
        failed: Math.max(record.failed, new Set(errors.map((e) => e.line)).size),
        imported: 0,
        processed: 0,
        lockedUntil: null,
        updatedAt: now,
        finishedAt: now,
      },
    );
  }

  private analyse(
    scope: LedgerScope,
    account: Account,
    content: Buffer,
    format: ImportFormat,
    mapping: CsvMapping | null,
    forPreview: boolean,
    skipLikelyDuplicates = false,
  ): Promise<Analysis> {
    return analyseStatement(
      {
        dataSource: this.dataSource,
        parse: this.deps.parse,
        transactionQueries: this.deps.transactionQueries,
        accounts: this.deps.accounts,
      },
      { scope, account, content, format, mapping, forPreview, skipLikelyDuplicates },
    );
  }

  /** The first rows as the preview shows them, each with the category it will get. */
  private async previewRows(
    scope: LedgerScope,
    account: Account,
    analysis: Analysis,
  ): Promise<ImportRow[]> {
    const lines = analysis.lines.slice(0, PREVIEW_ROWS);
    const open = lines.filter((l) => l.category === null);
    const suggested = await this.deps.transactions.suggestCategories(
      scope,
      open.map((l) => ({
        kind: kindOf(l),
        description: l.description,
        payee: l.payee,
        amountMinor: Number(unsignedMinor(l)),
        currency: l.currency,
        accountId: account.id,
      })),
    );
    const names = new Map(open.map((l, i) => [l, suggested[i]]));
    const categories = new Map<string, Awaited<ReturnType<CategoryService['findByName']>>>();
    for (const line of lines) {
      const name = line.category ?? names.get(line) ?? null;
      if (name !== null && !categories.has(name)) {
        categories.set(name, await this.deps.categories.findByName(scope.ledgerId, name));
      }
    }
    return lines.map((line, index) => {
      const name = line.category ?? names.get(line) ?? null;
      const minor = unsignedMinor(line);
      return {
        line: line.line,
        date: line.date,
        description: line.description,
        payee: line.payee,
        amount: money(minor, currencyDigits(line.currency)),
        currency: line.currency,
        kind: kindOf(line),
        category: name === null ? null : (categories.get(name) ?? null),
        categoryName: name,
        duplicate: analysis.duplicates.has(index),
        likelyDuplicate: analysis.likely.has(index),
      };
    });
  }

  private async find(ledgerId: number, importId: string): Promise<ImportRecord> {
    const id = parseId(importId);
    const record =
      id === null
        ? null
        : await this.dataSource.getRepository(ImportRecord).findOneBy({ id, ledgerId });
    if (!record) throw notFound('Import');
    return record;
  }

  private result(record: ImportRecord): ImportResult {
    const progress =
      record.status === 'DONE'
        ? 1
        : record.total > 0
          ? Math.min(1, record.processed / record.total)
          : 0;
    return {
      importId: String(record.id),
      status: record.status,
      imported: record.imported,
      skippedDuplicates: record.skippedDuplicates,
      failed: record.failed,
      progress,
      errors: JSON.parse(record.errors ?? '[]') as RowErrorView[],
      accountId: String(record.accountId),
      from: record.firstDate,
      to: record.lastDate,
    };
  }
}
