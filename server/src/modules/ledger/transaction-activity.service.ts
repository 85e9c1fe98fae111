import { In, type DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { Transaction } from './transaction.entity';

export interface TransactionAuthors {
  createdByUserId: number | null;
  updatedByUserId: number | null;
}

/** A transaction as a ledger's activity shows it: who touched it last, and when. */
export interface TransactionActivity {
  transactionId: number;
  description: string;
  amount: Money;
  currency: string;
  at: Date;
  /** CREATED until someone changes it, then UPDATED. */
  change: 'CREATED' | 'UPDATED';
  userId: number | null;
}

/** Where a page of activity ends, as (time, source, id): see LedgerActivityService. */
export interface ActivityPosition {
  at: Date;
  source: 'T' | 'E';
  id: number;
}

/**
 * Who wrote what in a ledger: the named reads that the households module's activity list and
 * the Transaction.createdBy/updatedBy fields need, so that no other module reads transactions.
 */
export class TransactionActivityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The authors of each transaction, keyed by id (for a per-request DataLoader). */
  async authorsOf(ids: readonly number[]): Promise<Map<number, TransactionAuthors>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Transaction).find({
      select: { id: true, createdByUserId: true, updatedByUserId: true },
      where: { id: In([...ids]) },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** How many transactions the ledger holds (a ledger with none may be deleted). */
  countIn(ledgerId: number): Promise<number> {
    return this.dataSource.getRepository(Transaction).count({ where: { ledgerId } });
  }

  /**
   * The ledger's transactions, most recently touched first, after `position` (transactions sort
   * before membership events at the same instant); at most `limit`.
   */
  async recent(
    ledgerId: number,
    position: ActivityPosition | null,
    limit: number,
  ): Promise<TransactionActivity[]> {
    const query = this.dataSource
      .getRepository(Transaction)
      .createQueryBuilder('t')
      .select([
        't.id',
        't.description',
        't.amountMinor',
        't.currency',
        't.createdAt',
        't.updatedAt',
        't.createdByUserId',
        't.updatedByUserId',
      ])
      .where('t.ledgerId = :ledgerId', { ledgerId })
      .orderBy('t.updatedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit);
    if (position) {
      query.andWhere(
        position.source === 'T'
          ? '(t.updatedAt < :at OR (t.updatedAt = :at AND t.id < :id))'
          : 't.updatedAt < :at',
        { at: position.at, id: position.id },
      );
    }
    const rows = await query.getMany();
    return rows.map((t) => {
      // MySQL keeps whole seconds: an edit by another member in the creating second still
      // shows as one, by the change of hands.
      const updated =
        t.updatedAt.getTime() > t.createdAt.getTime() || t.updatedByUserId !== t.createdByUserId;
      return {
        transactionId: t.id,
        description: t.description,
        amount: money(t.amountMinor, currencyDigits(t.currency)),
        currency: t.currency,
        at: t.updatedAt,
        change: updated ? 'UPDATED' : 'CREATED',
        userId: updated ? t.updatedByUserId : t.createdByUserId,
      };
    });
  }
}
