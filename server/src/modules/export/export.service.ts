import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { DataSource } from 'typeorm';
import { badInput } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { UploadService } from '../uploads/upload.service';
import type { ImportResult } from '../imports/import.types';
import {
  IdMap,
  RestoreError,
  type CsvColumn,
  type ExportSource,
  type PortableSection,
  type RestoreContext,
  type RestoreSkip,
} from './portable';

export const EXPORT_FORMAT = 'finance-export';
/**
 * The version written. Every version listed in READABLE_VERSIONS restores: a later version only
 * adds sections and optional fields, and a document without them restores as it did.
 */
export const EXPORT_VERSION = 2;
const READABLE_VERSIONS: unknown[] = [1, 2];
const HEADER_KEYS = ['format', 'version', 'exportedAt'];

// A cell a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, tab, CR.
const FORMULA_START = /^[=+\-@\t\r]/;
// Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM = '\uFEFF';

/** One CSV cell: text that could start a formula is quoted with ', numbers stay numbers. */
export function csvCell<T>(column: CsvColumn<T>, record: T): string {
  const value = column.value(record);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return column.type === 'text' && FORMULA_START.test(text) ? `'${text}` : text;
}

const encoder = new TextEncoder();

/**
 * Everything a ledger holds, out as one versioned JSON document or a zip of CSV files, and back
 * in: each module's records come from its own section (portable.ts, sections.ts).
 */
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: UploadService,
    private readonly sections: PortableSection<unknown>[],
  ) {}

  /**
   * The JSON document as text chunks, one record per line, section by section and batch by
   * batch: a large ledger is never held in memory whole, nor as one string.
   */
  async *json(source: ExportSource, now = new Date()): AsyncIterable<string> {
    yield (
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},` +
      `"exportedAt":${JSON.stringify(now.toISOString())}`
    );
    for (const section of this.sections) {
      const key = JSON.stringify(section.name);
      if (section.single) {
        let record: unknown = null;
        for await (const batch of section.export(source)) record = batch[0] ?? record;
        yield `,\n${key}:${JSON.stringify(record)}`;
        continue;
      }
      yield `,\n${key}:[`;
      let first = true;
      for await (const batch of section.export(source)) {
        if (batch.length === 0) continue;
        yield batch.map((r, i) => (first && i === 0 ? '\n' : ',\n') + JSON.stringify(r)).join('');
        first = false;
      }
      yield first ? ']' : '\n]';
    }
    yield '\n}\n';
  }

  /** A zip with one CSV file per section (`<section>.csv`), as compressed chunks. */
  async *csvZip(source: ExportSource): AsyncIterable<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) failure = error;
      else chunks.push(data);
    });
    const drain = function* () {
      if (failure) throw failure;
      yield* chunks.splice(0, chunks.length);
    };
    for (const section of this.sections) {
      const file = new ZipDeflate(`${section.name}.csv`, { level: 6 });
      zip.add(file);
      const columns = section.csvColumns;
      file.push(encoder.encode(BOM + stringify([columns.map((c) => c.name)])), false);
      for await (const batch of section.export(source)) {
        const rows = batch.map((record) => columns.map((column) => csvCell(column, record)));
        file.push(encoder.encode(stringify(rows)), false);
        yield* drain();
      }
      file.push(new Uint8Array(0), true);
      yield* drain();
      if (section.files) yield* this.sectionFiles(section, source, zip, drain);
    }
    zip.end();
    yield* drain();
  }

  /**
   * The section's files, read again batch by batch once its CSV is complete: a zip entry must end
   * before the next begins, so the pictures are not held back while the CSV is written. Stored
   * as they are: JPEG and PDF are compressed already.
   */
  private async *sectionFiles(
    section: PortableSection<unknown>,
    source: ExportSource,
    zip: Zip,
    drain: () => Generator<Uint8Array>,
  ): AsyncIterable<Uint8Array> {
    const files = section.files as NonNullable<PortableSection<unknown>['files']>;
    for await (const batch of section.export(source)) {
      for (const record of batch) {
        for (const { name, bytes } of files(record)) {
          const entry = new ZipPassThrough(name);
          zip.add(entry);
          entry.push(bytes, true);
          yield* drain();
        }
      }
    }
  }

  /**
   * Restores a JSON export (an upload of the caller's) into the scope's ledger, which must hold
   * nothing yet: all of it in one database transaction, or nothing when any record is refused.
   * Then the work sections left for after the commit (webhook endpoints, which the webhooks
   * module creates itself); what it cannot write is answered in `errors`, the rest stays.
   */
  async restore(scope: LedgerScope, uploadId: string): Promise<ImportResult> {
    const upload = await this.uploads.read(scope.user.id, uploadId);
    if (upload.type !== 'application/json') {
      throw badInput('uploadId', 'This file is not a JSON export of this app');
    }
    const records = this.readDocument(upload.content);
    let imported = 0;
    const afterCommit: RestoreContext['afterCommit'] = [];
    try {
      await inTransaction(this.dataSource, async (manager) => {
        for (const section of this.sections) {
          if (section.holdsData && (await section.holdsData(scope.ledgerId, manager))) {
            throw badInput(
              'uploadId',
              `This ledger is not empty: it already holds ${section.name}. ` +
                'Restore an export into a new, empty ledger; nothing was changed',
            );
          }
        }
        const context: RestoreContext = { scope, manager, ids: new IdMap(), afterCommit };
        for (const section of this.sections) {
          const list = records.get(section.name);
          if (list === undefined) continue;
          const written = await section.restore(list, context);
          if (!section.single) imported += written;
        }
      });
    } catch (error) {
      if (error instanceof RestoreError) throw error.toAppError();
      throw error;
    }
    const skipped: RestoreSkip[] = [];
    for (const work of afterCommit) skipped.push(...(await work()));
    return {
      importId: upload.id,
      status: 'DONE',
      imported: imported - skipped.length,
      skippedDuplicates: 0,
      failed: skipped.length,
      progress: 1,
      errors: skipped.map((s) => ({
        line: 0,
        field: `${s.section}[${s.index}]${s.field ? `.${s.field}` : ''}`,
        message: `Not restored: ${s.reason}`,
      })),
      accountId: null,
      from: null,
      to: null,
    };
  }

  /** The document's sections by name, after checking its format, version and shape. */
  private readDocument(content: Buffer): Map<string, unknown[]> {
    let document: unknown;
    try {
      document = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw badInput('uploadId', 'The file is not valid JSON');
    }
    const refuse = (where: string, reason: string) =>
      new RestoreError(where, null, null, reason).toAppError();
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw refuse('format', `must be "${EXPORT_FORMAT}"`);
    }
    const fields = document as Record<string, unknown>;
    if (fields.format !== EXPORT_FORMAT) throw refuse('format', `must be "${EXPORT_FORMAT}"`);
    if (!READABLE_VERSIONS.includes(fields.version)) {
      throw refuse(
        'version',
        `${JSON.stringify(fields.version)} is not a version this server reads (it reads ${READABLE_VERSIONS.join(', ')})`,
      );
    }
    const known = new Map(this.sections.map((s) => [s.name, s]));
    const records = new Map<string, unknown[]>();
    for (const [key, value] of Object.entries(fields)) {
      if (HEADER_KEYS.includes(key)) continue;
      const section = known.get(key);
      // Records this server does not know would be lost silently: refused instead.
      if (!section) throw refuse(key, 'is not a section this server knows');
      if (section.single) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw refuse(key, 'must be an object');
        }
        records.set(key, [value]);
      } else {
        if (!Array.isArray(value)) throw refuse(key, 'must be a list');
        records.set(key, value);
      }
    }
    // Amounts are in the user's currency: without it they cannot be read.
    if (!records.has('user')) throw refuse('user', 'is missing');
    return records;
  }
}
