import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType, type Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import { decodeCursor, encodeCursor, requirePageSize, type Page } from '../ledger/pagination';
import type { Transaction } from '../ledger/transaction.entity';
import { TransactionKind } from '../ledger/transaction.entity';
import type { TransactionService } from '../ledger/transaction.service';
import { Book, sortEvents, type BookEvent, type Side } from './book';
import { Dividend } from './dividend.entity';
import { AssetClass, Security } from './security.entity';
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
const SYMBOL = /^[A-Z0-9][A-Z0-9.\-:^=]{0,19}$/;

export function requireSymbol(value: unknown, field = 'symbol'): string {
  const symbol = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!SYMBOL.test(symbol)) {
    throw badInput(
      field,
      'Symbol must be 1 to 20 letters, digits or . - : ^ = (e.g. AAPL, VWCE.DE)',
    );
  }
  return symbol;
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
    private readonly transactions: TransactionService,
  ) {}

  async investmentAccount(
    ledgerId: number,
    accountId: unknown,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Account> {
    if (accountId === undefined || accountId === null || accountId === '') {
      throw badInput('accountId', 'Choose an investment account');
    }
    const account = await this.accounts.get(ledgerId, accountId, manager, 'accountId');
    if (account.type !== AccountType.INVESTMENT) {
      throw badInput('accountId', `"${account.name}" is not an INVESTMENT account`);
    }
    return account;
  }

  listSecurities(ledgerId: number): Promise<Security[]> {
    return this.dataSource.manager.find(Security, {
      where: { ledgerId },
      order: { symbol: 'ASC' },
    });
  }

  async security(
    ledgerId: number,
    symbol: unknown,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Security> {
    const found = await manager.findOne(Security, {
      where: { ledgerId, symbol: requireSymbol(symbol) },
    });
    if (!found) throw badInput('symbol', 'No security with this symbol: add a trade of it first');
    return found;
  }

  /** The security of `symbol`, made on first use in the account's currency. */
  private async securityFor(
    ledgerId: number,
    symbol: string,
    account: Account,
    manager: EntityManager,
  ): Promise<Security> {
    let security = await manager.findOne(Security, { where: { ledgerId, symbol } });
    if (!security) {
      security = manager.create(Security, {
        ledgerId,
        symbol,
        name: symbol,
        assetClass: AssetClass.STOCK,
        currency: account.currency,
        createdAt: new Date(),
      });
      await manager.insert(Security, security);
    }
    if (security.currency !== account.currency) {
      // One currency per account keeps its cost, value and gains exact, with no rate involved.
      throw badInput(
        'symbol',
        `${symbol} is priced in ${security.currency}; "${account.name}" holds ${account.currency}`,
      );
    }
    return security;
  }

  async updateSecurity(
    scope: LedgerScope,
    symbol: unknown,
    fields: { name: unknown; assetClass: unknown },
  ): Promise<Security> {
    const security = await this.security(scope.ledgerId, symbol);
    const name = requireText(fields.name, 'name', 'Name', 100);
    if (!(Object.values(AssetClass) as unknown[]).includes(fields.assetClass)) {
      throw badInput(
        'assetClass',
        `Asset class must be one of ${Object.values(AssetClass).join(', ')}`,
      );
    }
    await this.dataSource.manager.update(
      Security,
      { id: security.id, ledgerId: scope.ledgerId },
      { name, assetClass: fields.assetClass as AssetClass },
    );
    return { ...security, name, assetClass: fields.assetClass as AssetClass };
  }

  private async prepareTrade(scope: LedgerScope, fields: TradeFields, manager: EntityManager) {
    if (fields.side !== 'BUY' && fields.side !== 'SELL') {
      throw badInput('side', 'Side must be BUY or SELL');
    }
    const quantity = requireQuantity(fields.quantity);
    const price = requirePrice(fields.price);
    const date = requireDay(fields.date, 'date');
    const symbol = requireSymbol(fields.symbol);
    const account = await this.investmentAccount(scope.ledgerId, fields.accountId, manager);
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
    const security = await this.securityFor(scope.ledgerId, symbol, account, manager);
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
    return inTransaction(this.dataSource, async (manager) => {
      const values = await this.prepareTrade(scope, fields, manager);
      const now = new Date();
      const trade = manager.create(Trade, { ...values, createdAt: now, updatedAt: now });
      await manager.insert(Trade, trade);
      await this.checkHoldings(scope.ledgerId, manager);
      return trade;
    });
  }

  updateTrade(scope: LedgerScope, id: string, fields: TradeFields): Promise<Trade> {
    return inTransaction(this.dataSource, async (manager) => {
      const before = await this.trade(scope.ledgerId, id, manager);
      const values = await this.prepareTrade(scope, fields, manager);
      const after = Object.assign(before, values, { updatedAt: new Date() });
      await manager.save(Trade, after);
      await this.checkHoldings(scope.ledgerId, manager);
      return after;
    });
  }

  deleteTrade(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const trade = await this.trade(scope.ledgerId, id, manager);
      await manager.delete(Trade, { id: trade.id, ledgerId: scope.ledgerId });
      await this.checkHoldings(scope.ledgerId, manager);
      return true;
    });
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
    for (const event of await this.events(ledgerId, null, manager)) book.apply(event);
  }

  /** Trades and splits of the ledger (or of some accounts), in the order they apply. */
  async events(
    ledgerId: number,
    accountIds: number[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BookEvent[]> {
    const [trades, splits, accounts] = await Promise.all([
      manager.find(Trade, { where: { ledgerId } }),
      manager.find(SecuritySplit, { where: { ledgerId } }),
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

  async securitiesByIds(ledgerId: number): Promise<Map<number, Security>> {
    return new Map((await this.listSecurities(ledgerId)).map((s) => [s.id, s]));
  }

  addSplit(
    scope: LedgerScope,
    fields: { accountId?: unknown; symbol: unknown; date: unknown; ratio: unknown },
  ): Promise<SecuritySplit> {
    const ratio = requireRatio(fields.ratio);
    const date = requireDay(fields.date, 'date');
    return inTransaction(this.dataSource, async (manager) => {
      const security = await this.security(scope.ledgerId, fields.symbol, manager);
      const named =
        fields.accountId !== undefined && fields.accountId !== null && fields.accountId !== '';
      const account = named
        ? await this.investmentAccount(scope.ledgerId, fields.accountId, manager)
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
    return inTransaction(this.dataSource, async (manager) => {
      const account = await this.investmentAccount(scope.ledgerId, fields.accountId, manager);
      const symbol = requireSymbol(fields.symbol);
      const amountMinor = requireAmount(
        fields.amount,
        'amount',
        'Amount',
        currencyDigits(account.currency),
        'positive',
      );
      const date = requireDay(fields.date, 'date');
      const security = await this.securityFor(scope.ledgerId, symbol, account, manager);
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

  dividends(
    ledgerId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Dividend[]> {
    return manager.find(Dividend, { where: { ledgerId }, order: { date: 'ASC', id: 'ASC' } });
  }
}
