/**
 * Transactions another module picks by its own marks (the tax module's deductible ones): those
 * named by id, and those of the named categories unless named among `exceptIds`. The ledger
 * keeps no such marks; the module that does hands over the ids.
 */
export interface RowSelection {
  ids: number[];
  categoryIds: number[];
  /** Rows of `categoryIds` left out all the same (marked otherwise by id). */
  exceptIds?: number[];
  /** Every row but the selected ones. */
  negate?: boolean;
}

/**
 * A list of ids as SQL text. Ids are the database's own integers, checked here, so inlining
 * them is safe; as literals they cost no placeholders (a ledger may mark thousands of rows,
 * more than SQLite's placeholder limit allows) and a CASE may repeat them in its GROUP BY.
 */
export function idList(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new Error(`Not an id: ${String(id)}`);
  }
  return ids.join(', ');
}

/** The selection as a condition over `transactions t`. */
export function selectionSql(selection: RowSelection): string {
  const either: string[] = [];
  if (selection.ids.length > 0) either.push(`t.id IN (${idList(selection.ids)})`);
  if (selection.categoryIds.length > 0) {
    const except = selection.exceptIds ?? [];
    either.push(
      `(t.categoryId IN (${idList(selection.categoryIds)})` +
        (except.length > 0 ? ` AND t.id NOT IN (${idList(except)}))` : ')'),
    );
  }
  const picked = either.length === 0 ? '1 = 0' : `(${either.join(' OR ')})`;
  // A row without a category makes IN unknown (NULL), which NOT leaves unknown: COALESCE.
  return selection.negate ? `NOT COALESCE(${picked}, 0)` : picked;
}

/**
 * A label the caller gives rows (a tax category): rows named by id take it first, else rows of
 * its categories. The label of a row matched by no id and no category is the caller's "other".
 */
export interface RowLabel {
  key: string;
  ids: number[];
  categoryIds: number[];
}

/** A CASE answering the index of a row's label in `labels`, or -1 for none. */
export function labelSql(labels: readonly RowLabel[]): string {
  const byId = labels.flatMap((label, i) =>
    label.ids.length > 0 ? [`WHEN t.id IN (${idList(label.ids)}) THEN ${i}`] : [],
  );
  const byCategory = labels.flatMap((label, i) =>
    label.categoryIds.length > 0
      ? [`WHEN t.categoryId IN (${idList(label.categoryIds)}) THEN ${i}`]
      : [],
  );
  const whens = [...byId, ...byCategory];
  return whens.length === 0 ? '-1' : `CASE ${whens.join(' ')} ELSE -1 END`;
}
