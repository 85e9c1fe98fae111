import type { EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { User } from '../users/user.entity';

/**
 * How a module takes part in export and restore without the export module reading its tables:
 * each owning module describes its records as a section (modules/<owner>/<owner>.portable.ts)
 * and the list in export/sections.ts names them once. A new kind of record is one new section
 * and one line in that list; docs/export-format.md lists every section's fields.
 */

/** Who and what is exported: the ledger, and the caller whose settings travel with it. */
export interface ExportSource {
  ledgerId: number;
  user: User;
}

/**
 * What a restore shares between sections: the database transaction every write joins, the scope
 * (its user's currency is the export's after the user section ran), and the new id of each
 * record by section and by the export's own id, for references between sections.
 */
export interface RestoreContext {
  scope: LedgerScope;
  manager: EntityManager;
  ids: IdMap;
  /**
   * Work that runs once the transaction committed, for records written through a module's own
   * API that writes outside the restore's transaction (webhook endpoints: their secrets are the
   * webhooks module's alone). Each answers the records it could not write; the rest stays.
   */
  afterCommit: (() => Promise<RestoreSkip[]>)[];
}

/** A record left out after the commit (see RestoreContext.afterCommit), and why. */
export interface RestoreSkip {
  section: string;
  index: number;
  field: string | null;
  reason: string;
}

/** Export id -> new database id, per section. */
export class IdMap {
  private readonly bySection = new Map<string, Map<string, number>>();

  set(section: string, exportId: string, id: number): void {
    let ids = this.bySection.get(section);
    if (!ids) this.bySection.set(section, (ids = new Map()));
    ids.set(exportId, id);
  }

  get(section: string, exportId: string): number | undefined {
    return this.bySection.get(section)?.get(exportId);
  }
}

/**
 * The type of a CSV column decides how its cells are written: only `text` cells can hold a
 * formula and are neutralised; amounts and numbers must stay numbers for a spreadsheet to add.
 */
export type CsvColumnType = 'text' | 'amount' | 'number' | 'date' | 'boolean';

export interface CsvColumn<T> {
  name: string;
  type: CsvColumnType;
  value: (record: T) => string | number | boolean | null;
}

export interface PortableSection<T> {
  /** The key in the JSON document and the CSV file's name (`<name>.csv`). */
  name: string;
  /** A section written as one object (`user`, `ledger`) rather than a list. */
  single?: boolean;
  /**
   * The records, in the order a restore must write them. Large sections yield batches, so the
   * export never holds a whole ledger in memory.
   */
  export(source: ExportSource): AsyncIterable<T[]>;
  /**
   * Validates and writes the records into the scope's ledger inside `context.manager`; a bad
   * record throws a RestoreError naming its position and field. Answers how many it wrote.
   */
  restore(records: unknown[], context: RestoreContext): Promise<number>;
  /**
   * Whether the ledger already holds records of this section that a restore would mix with
   * (what registration makes, such as the default categories and account, does not count).
   */
  holdsData?(ledgerId: number, manager: EntityManager): Promise<boolean>;
  csvColumns: CsvColumn<T>[];
  /**
   * Files of a record that the CSV zip holds beside the section's CSV (a receipt's picture),
   * named as a column of that CSV names them. The JSON document carries them in the records.
   */
  files?(record: T): { name: string; bytes: Uint8Array }[];
}

/**
 * A refused restore: the section, the record (its position, and its export id when it has one)
 * and the field, so that a person can find the line in the file.
 */
export class RestoreError extends Error {
  constructor(
    readonly section: string,
    readonly index: number | null,
    readonly field: string | null,
    readonly reason: string,
    readonly recordId?: string,
  ) {
    super(reason);
    this.name = 'RestoreError';
  }

  toAppError() {
    const where =
      this.index === null
        ? this.section
        : `${this.section}[${this.index}]${this.recordId ? ` (id ${this.recordId})` : ''}`;
    const path = this.field ? `${where}.${this.field}` : where;
    return badInput('uploadId', `The export cannot be restored: ${path}: ${this.reason}`);
  }
}

/** A record as a plain object, or a RestoreError naming it. */
export function recordAt(section: string, records: unknown[], index: number) {
  const record = records[index];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new RestoreError(section, index, null, 'must be an object');
  }
  return record as Record<string, unknown>;
}

/**
 * Runs a validation of one record's fields; an AppError it throws (the owning module's own
 * validators) becomes a RestoreError naming the section, the record and the field.
 */
export function checked<T>(
  section: string,
  index: number,
  record: Record<string, unknown>,
  validate: () => T,
): T {
  try {
    return validate();
  } catch (error) {
    const field = (error as { field?: string }).field;
    if (error instanceof Error && error.name === 'AppError') {
      throw new RestoreError(section, index, field ?? null, error.message, idOf(record));
    }
    throw error;
  }
}

/** `checked` for a validation that reads the database (the owning service's restore method). */
export async function checkedAsync<T>(
  section: string,
  index: number,
  record: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return checked(section, index, record, () => {
      throw error;
    });
  }
}

export const idOf = (record: Record<string, unknown>): string | undefined =>
  typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;

/** Reads a list in batches of `size` rows by id, so that a large table is never read at once. */
export async function* inBatches<R extends { id: number }>(
  read: (afterId: number, size: number) => Promise<R[]>,
  size = 1000,
): AsyncIterable<R[]> {
  let afterId = 0;
  for (;;) {
    const rows = await read(afterId, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    afterId = rows[rows.length - 1].id;
  }
}

/** One batch, for small sections. */
export async function* once<T>(load: () => Promise<T[]>): AsyncIterable<T[]> {
  yield await load();
}
