import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { requireAmount, requireDay } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { AccountService } from '../ledger/account.service';
import { decodeCursor, encodeCursor, requirePageSize, type Page } from '../ledger/pagination';
import type { Transaction } from '../ledger/transaction.entity';
import { TransactionKind } from '../ledger/transaction.entity';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { TransactionService } from '../ledger/transaction.service';
import { Book, sortEvents, type BookEvent, type Side } from './book';
import { Dividend } from './dividend.entity';
import { Security } from './security.entity';
import { requireSymbol, type SecurityService } from './security.service';
import { SecuritySplit } from './split.entity';
import { Trade } from './trade.entity';
import { requirePrice, requireQuantity, requireRatio } from './units';

export interface TradeFields {
  accountId: unknown;
  symbol: unknown;
  side: unknown;
  quantity: unknown;
  price: unknown;
  fees?: unknown;
  date: unknown;
}

export const DIVIDEND_CATEGORY = 'Dividends';

/** A dividend as the portfolio counts it: in the account's currency. */
export interface DividendFlow {
  securityId: number;
  accountId: number;
  date: string;
  amountMinor: number;
}
/**
 * Securities, trades, splits and dividends of a ledger's INVESTMENT accounts.
 *
 * Cash: trades write nothing to the ledger. An investment account's ledger balance counts the
 * money moved in and out of it (transfers, dividends as income, fees charged as expenses if the
 * user enters them so); buying swaps some of that cash for securities inside the account, which
 * is neither spending nor income and must not show in budgets. The account's worth is therefore
 * its ledger balance plus `PortfolioService.marketValue`: the holdings' market value minus the
 * net cash the trades took (buys with fees, less sells net of fees).
 */
export class InvestmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly securities: SecurityService,
    private readonly transactions: TransactionService,
    private readonly transactionQueries: TransactionQueryService,
  ) {}

  private async prepareTrade(scope: LedgerScope, fields: TradeFields, manager: EntityManager) {
    if (fields.side !== 'BUY' && fields.side !== 'SELL') {
      throw badInput('side', 'Side must be BUY or SELL');
    }
    const quantity = requireQuantity(fields.quantity);
    const price = requirePrice(fields.price);
    const date = requireDay(fields.date, 'date');
    const symbol = requireSymbol(fields.symbol);
    const account = await this.securities.investmentAccount(
      scope.ledgerId,
      fields.accountId,
      manager,
    );
    const feesMinor =
      fields.fees === undefined || fields.fees === null || fields.fees === ''
        ? 0n
        : requireAmount(
            fields.fees,
            'fees',
            'Fees',
            currencyDigits(account.currency),
            'non-negative',
          );
    const security = await this.securities.securityFor(scope.ledgerId, symbol, account, manager);
    return {
      ledgerId: scope.ledgerId,
      accountId: account.id,
      securityId: security.id,
      side: fields.side as Side,
      date,
      quantityUnits: Number(quantity),
      priceUnits: Number(price.units),
      priceScale: price.scale,
      feesMinor: Number(feesMinor),
    };
  }

  addTrade(scope: LedgerScope, fields: TradeFields): Promise<Trade> {
    return this.write(async (manager) => {
      const values = await this.prepareTrade(scope, fields, manager);
      await this.lock(manager, [values.securityId]);
      const now = new Date();
      const trade = manager.create(Trade, { ...values, createdAt: now, updatedAt: now });
      await manager.insert(Trade, trade);
      await this.checkHoldings(scope.ledgerId, manager);
      return trade;
    });
  }

  updateTrade(scope: LedgerScope, id: string, fields: TradeFields): Promise<Trade> {
    return this.write(async (manager) => {
      const before = await this.trade(scope.ledgerId, id, manager);
      const values = await this.prepareTrade(scope, fields, manager);
      await this.lock(manager, [before.securityId, values.securityId]);
      const after = Object.assign(before, values, { updatedAt: new Date() });
      await manager.save(Trade, after);
      await this.checkHoldings(scope.ledgerId, manager);
      return after;
    });
  }

  deleteTrade(scope: LedgerScope, id: string): Promise<boolean> {
    return this.write(async (manager) => {
      const trade = await this.trade(scope.ledgerId, id, manager);
      await this.lock(manager, [trade.securityId]);
      await manager.delete(Trade, { id: trade.id, ledgerId: scope.ledgerId });
      await this.checkHoldings(scope.ledgerId, manager);
      return true;
    });
  }

  /**
   * A write transaction, rerun when MySQL picks it as a deadlock victim (nothing of it remains):
   * two trades of different securities both read the ledger's trades with locks.
   */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, work);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (code !== 'ER_LOCK_DEADLOCK' || attempt >= 5) throw error;
      }
    }
  }

  /**
   * MySQL: holds the securities' rows until the write ends, so that two sells of one security
   * written at once are checked one after the other (each could pass alone). SQLite's write
   * transactions already take turns.
   */
  private async lock(manager: EntityManager, securityIds: number[]): Promise<void> {
    if (manager.connection.options.type !== 'mysql') return;
    const ids = [...new Set(securityIds)];
    await manager.query(
      `SELECT id FROM securities WHERE id IN (${ids.map(() => '?').join(', ')}) FOR UPDATE`,
      ids,
    );
  }

  private async trade(ledgerId: number, id: string, manager: EntityManager): Promise<Trade> {
    const numericId = parseId(id);
    const trade =
      numericId === null
        ? null
        : await manager.findOne(Trade, { where: { id: numericId, ledgerId } });
    if (!trade) throw notFound('Trade');
    return trade;
  }

  /**
   * Replays the ledger's trades and splits after a write, inside its transaction: a sell of more
   * than is held then (a new sell, or an earlier buy edited or deleted) rolls the write back.
   */
  private async checkHoldings(ledgerId: number, manager: EntityManager): Promise<void> {
    const book = new Book();
    // Locking reads on MySQL: a plain read would see the snapshot taken at the transaction's
    // first read, without a sell another write committed while this one waited for the lock.
    const locking = manager.connection.options.type === 'mysql';
    for (const event of await this.events(ledgerId, null, manager, locking)) book.apply(event);
  }

  /** Trades and splits of the ledger (or of some accounts), in the order they apply. */
  async events(
    ledgerId: number,
    accountIds: number[] | null,
    manager: EntityManager = this.dataSource.manager,
    locking = false,
  ): Promise<BookEvent[]> {
    const lock = locking ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const [trades, splits, accounts] = await Promise.all([
      manager.find(Trade, { where: { ledgerId }, ...lock }),
      manager.find(SecuritySplit, { where: { ledgerId }, ...lock }),
      this.accounts.list(ledgerId, manager),
    ]);
    const digits = new Map(accounts.map((a) => [a.id, currencyDigits(a.currency)]));
    const wanted = accountIds ? new Set(accountIds) : null;
    const events: BookEvent[] = [];
    for (const t of trades) {
      if (wanted && !wanted.has(t.accountId)) continue;
      events.push({
        kind: 'trade',
        id: t.id,
        accountId: t.accountId,
        securityId: t.securityId,
        side: t.side,
        date: t.date,
        quantity: BigInt(t.quantityUnits),
        price: { units: BigInt(t.priceUnits), scale: t.priceScale },
        feesMinor: BigInt(t.feesMinor),
        digits: digits.get(t.accountId) ?? 2,
      });
    }
    for (const s of splits) {
      if (wanted && s.accountId !== null && !wanted.has(s.accountId)) continue;
      events.push({
        kind: 'split',
        id: s.id,
        accountId: s.accountId,
        securityId: s.securityId,
        date: s.date,
        num: BigInt(s.ratioNum),
        den: BigInt(s.ratioDen),
      });
    }
    return sortEvents(events);
  }

  async listTrades(
    ledgerId: number,
    options: {
      accountId?: string | null;
      symbol?: string | null;
      first: number;
      after?: string | null;
    },
  ): Promise<Page<Trade>> {
    const first = requirePageSize(options.first);
    const cursor = decodeCursor(options.after);
    const query = this.dataSource.manager
      .createQueryBuilder(Trade, 't')
      .where('t.ledgerId = :ledgerId', { ledgerId });
    if (options.accountId) {
      query.andWhere('t.accountId = :accountId', { accountId: parseId(options.accountId) ?? 0 });
    }
    if (options.symbol) {
      const security = await this.dataSource.manager.findOne(Security, {
        where: { ledgerId, symbol: requireSymbol(options.symbol) },
      });
      query.andWhere('t.securityId = :securityId', { securityId: security?.id ?? 0 });
    }
    const totalCount = await query.getCount();
    if (cursor) {
      query.andWhere('(t.date < :date OR (t.date = :date AND t.id < :id))', cursor);
    }
    const rows = await query
      .orderBy('t.date', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return {
      nodes,
      totalCount,
      hasNextPage: rows.length > first,
      endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1]) : null,
    };
  }

  addSplit(
    scope: LedgerScope,
    fields: { accountId?: unknown; symbol: unknown; date: unknown; ratio: unknown },
  ): Promise<SecuritySplit> {
    const ratio = requireRatio(fields.ratio);
    const date = requireDay(fields.date, 'date');
    return this.write(async (manager) => {
      const security = await this.securities.security(scope.ledgerId, fields.symbol, manager);
      await this.lock(manager, [security.id]);
      const named =
        fields.accountId !== undefined && fields.accountId !== null && fields.accountId !== '';
      const account = named
        ? await this.securities.investmentAccount(scope.ledgerId, fields.accountId, manager)
        : null;
      if (ratio.num > 2n ** 31n || ratio.den > 2n ** 31n)
        throw badInput('ratio', 'Ratio is too large');
      const split = manager.create(SecuritySplit, {
        ledgerId: scope.ledgerId,
        securityId: security.id,
        accountId: account?.id ?? null,
        date,
        ratioNum: Number(ratio.num),
        ratioDen: Number(ratio.den),
        createdAt: new Date(),
      });
      await manager.insert(SecuritySplit, split);
      return split;
    });
  }

  /** A dividend: INCOME in the account through the ledger's write path, tagged with its security. */
  addDividend(
    scope: LedgerScope,
    fields: { accountId: unknown; symbol: unknown; amount: unknown; date: unknown },
  ): Promise<Transaction> {
    return this.write(async (manager) => {
      const account = await this.securities.investmentAccount(
        scope.ledgerId,
        fields.accountId,
        manager,
      );
      const symbol = requireSymbol(fields.symbol);
      const amountMinor = requireAmount(
        fields.amount,
        'amount',
        'Amount',
        currencyDigits(account.currency),
        'positive',
      );
      const date = requireDay(fields.date, 'date');
      const security = await this.securities.securityFor(scope.ledgerId, symbol, account, manager);
      const { written } = await this.transactions.record(
        scope,
        [
          {
            kind: TransactionKind.INCOME,
            description: `Dividend ${symbol}`,
            payee: security.name,
            amount: fields.amount,
            date,
            accountId: String(account.id),
            category: DIVIDEND_CATEGORY,
          },
        ],
        { manager },
      );
      const transaction = written[0];
      await manager.insert(Dividend, {
        ledgerId: scope.ledgerId,
        accountId: account.id,
        securityId: security.id,
        transactionId: transaction.id,
        date,
        amountMinor: Number(amountMinor),
        createdAt: new Date(),
      });
      return transaction;
    });
  }

  /**
   * The ledger's dividends with their day, account and amount as the ledger holds them now: a
   * dividend's transaction may have been edited there since.
   */
  async dividends(ledgerId: number): Promise<DividendFlow[]> {
    const rows = await this.dataSource.manager.find(Dividend, { where: { ledgerId } });
    const movements = new Map(
      (
        await this.transactionQueries.movements(
          ledgerId,
          rows.map((r) => r.transactionId),
        )
      ).map((m) => [m.id, m]),
    );
    const flows: DividendFlow[] = [];
    for (const row of rows) {
      const movement = movements.get(row.transactionId);
      if (!movement) continue;
      flows.push({
        securityId: row.securityId,
        accountId: movement.accountId,
        date: movement.date,
        amountMinor: movement.accountAmountMinor,
      });
    }
    return flows.sort((a, b) => a.date.localeCompare(b.date));
  }
}
