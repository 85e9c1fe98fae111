import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { requirePageSize } from '../ledger/pagination';
import type {
  ActivityPosition,
  TransactionActivityService,
} from '../ledger/transaction-activity.service';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import type { WrittenEvent } from '../ledger/transaction.service';
import { Role } from '../ledger-access/ledger.entity';
import { LedgerEvent } from './ledger-event.entity';

export interface ActivityEntry {
  id: string;
  at: Date;
  type: string;
  actorUserId: number | null;
  subjectUserId: number | null;
  transactionId: number | null;
  description: string | null;
  amount: Money | null;
  currency: string | null;
  detail: string | null;
}

export interface ActivityPage {
  nodes: ActivityEntry[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

// Events whose detail names an invited address: only owners, who typed it, see it.
const ADDRESS_EVENTS = new Set(['MEMBER_INVITED']);

function encode(entry: ActivityEntry): string {
  return Buffer.from(
    JSON.stringify([entry.at.toISOString(), entry.id[0], Number(entry.id.slice(1))]),
  ).toString('base64url');
}

function decode(cursor: unknown): ActivityPosition | null {
  if (cursor === undefined || cursor === null) return null;
  try {
    const [at, source, id] = JSON.parse(
      Buffer.from(String(cursor), 'base64url').toString('utf8'),
    ) as unknown[];
    const date = typeof at === 'string' ? new Date(at) : null;
    if (
      date &&
      !Number.isNaN(date.getTime()) &&
      (source === 'T' || source === 'E') &&
      typeof id === 'number' &&
      Number.isSafeInteger(id)
    ) {
      return { at: date, source, id };
    }
  } catch {
    // one message for every malformed cursor, below
  }
  throw badInput('after', 'Cursor is not one this API gave out');
}

/**
 * A ledger's activity, newest first: its transactions by who created or last changed them, and
 * its membership events. Two sources merged into one page; the cursor is (time, source, id), with
 * a transaction before an event of the same instant, so pages neither skip nor repeat.
 */
export class LedgerActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionActivityService,
    private readonly ledgers: LedgerAccessService,
  ) {}

  /**
   * A listener of the ledger's writes (TransactionService.onWritten): each transaction deleted
   * from a shared ledger becomes an event naming who deleted it, what and how much, since the
   * row that said who wrote it is gone. Personal ledgers have one writer: nothing to tell.
   */
  async recordDeletions(event: WrittenEvent, manager?: EntityManager): Promise<void> {
    if (event.type !== 'deleted' || event.transactions.length === 0) return;
    const into = manager ?? this.dataSource.manager;
    if (await this.ledgers.isPersonal(event.ledgerId, into)) return;
    const now = new Date();
    await into.insert(
      LedgerEvent,
      event.transactions.map((t) => ({
        ledgerId: event.ledgerId,
        type: 'TRANSACTION_DELETED' as const,
        actorUserId: event.userId,
        subjectUserId: null,
        detail: t.description,
        amountMinor: t.amountMinor,
        currency: t.currency,
        createdAt: now,
      })),
    );
  }

  async list(scope: LedgerScope, first: unknown, after: unknown): Promise<ActivityPage> {
    const size = requirePageSize(first);
    const position = decode(after);
    const [transactions, events, transactionCount, eventCount] = await Promise.all([
      this.transactions.recent(scope.ledgerId, position, size + 1),
      this.events(scope.ledgerId, position, size + 1),
      this.transactions.countIn(scope.ledgerId),
      this.dataSource.getRepository(LedgerEvent).count({ where: { ledgerId: scope.ledgerId } }),
    ]);
    const merged: ActivityEntry[] = [
      ...transactions.map((t) => ({
        id: `T${t.transactionId}`,
        at: t.at,
        type: `TRANSACTION_${t.change}`,
        actorUserId: t.userId,
        subjectUserId: null,
        transactionId: t.transactionId,
        description: t.description,
        amount: t.amount,
        currency: t.currency,
        detail: null,
      })),
      ...events.map((e) => {
        // A deletion reads like a transaction's entry: what it was and how much.
        const deleted = e.type === 'TRANSACTION_DELETED';
        return {
          id: `E${e.id}`,
          at: e.createdAt,
          type: e.type,
          actorUserId: e.actorUserId,
          subjectUserId: e.subjectUserId,
          transactionId: null,
          description: deleted ? e.detail : null,
          amount:
            e.amountMinor === null || e.currency === null
              ? null
              : money(e.amountMinor, currencyDigits(e.currency)),
          currency: e.currency,
          detail:
            deleted || (ADDRESS_EVENTS.has(e.type) && scope.role !== Role.OWNER) ? null : e.detail,
        };
      }),
    ].sort(
      (a, b) =>
        b.at.getTime() - a.at.getTime() ||
        (a.id[0] === b.id[0] ? 0 : a.id[0] === 'T' ? -1 : 1) ||
        Number(b.id.slice(1)) - Number(a.id.slice(1)),
    );
    const nodes = merged.slice(0, size);
    return {
      nodes,
      totalCount: transactionCount + eventCount,
      hasNextPage: merged.length > size,
      endCursor: nodes.length ? encode(nodes[nodes.length - 1]) : null,
    };
  }

  private events(
    ledgerId: number,
    position: ActivityPosition | null,
    limit: number,
  ): Promise<LedgerEvent[]> {
    const query = this.dataSource
      .getRepository(LedgerEvent)
      .createQueryBuilder('e')
      .where('e.ledgerId = :ledgerId', { ledgerId })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit);
    if (position) {
      query.andWhere(
        position.source === 'E'
          ? '(e.createdAt < :at OR (e.createdAt = :at AND e.id < :id))'
          : 'e.createdAt <= :at',
        { at: position.at, id: position.id },
      );
    }
    return query.getMany();
  }
}
