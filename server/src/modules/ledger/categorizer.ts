import type { EntityManager } from 'typeorm';
import type { TransactionKind } from './transaction.entity';

/** What a categorizer sees of a transaction written without a category. */
export interface UncategorizedRow {
  kind: TransactionKind;
  description: string;
  payee: string | null;
  /** In the transaction's own currency, minor units. */
  amountMinor: number;
  currency: string;
  accountId: number;
}

/**
 * Picks categories for transactions written without one (imports, recurring posts, the
 * assistant, `addIncome`): the ledger's category rules, then the payee's history. It lives
 * outside the ledger (the category-rules module); the ledger only asks, once per batch.
 */
export interface Categorizer {
  /**
   * A category name for each row, or null when nothing applies; same order as `rows`. Calls
   * given the same `batch` (the chunks of one import) read the rules and the payee history
   * once each, when first needed: for an import, at its first chunk, before any of its rows
   * are written, so the whole import is judged as its preview was.
   */
  categorize(
    ledgerId: number,
    rows: UncategorizedRow[],
    manager: EntityManager,
    batch?: object,
  ): Promise<(string | null)[]>;
}

/** Where an expense goes when neither its writer nor a rule names a category. */
export const UNCATEGORIZED = 'Uncategorized';
