import { badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { addDays, daysBetween, monthOf, today as todayOf } from '../../lib/dates';
import { convertMinor } from '../../lib/exchange';
import { requireDay } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType, type Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { CurrencyConverter } from '../ledger/conversion';
import { costOf, quantityOf, type Position } from './book';
import type { InvestmentService } from './investment.service';
import { allocation, perform, valuePoints, type Converter, type Filter } from './performance';
import { priceAt, pricesByDay, worthBeyondBalance, type PortfolioData } from './portfolio-data';
import type { PriceService } from './price.service';
import type { Security } from './security.entity';
import type { SecurityService } from './security.service';
import { valueMinor, type Price } from './units';

export interface HoldingResult {
  accountId: number;
  security: Security;
  quantity: bigint;
  price: Price | null;
  costMinor: bigint;
  valueMinor: bigint | null;
  realizedMinor: bigint;
  performance: Performance;
}

export interface Performance {
  totalReturn: string | null;
  timeWeightedReturn: string | null;
  moneyWeightedReturn: string | null;
  realizedMinor: bigint;
  dividendsMinor: bigint;
}

export interface PortfolioResult {
  currency: string;
  digits: number;
  from: string;
  to: string;
  valueMinor: bigint;
  costMinor: bigint;
  performance: Performance;
  holdings: HoldingResult[];
  allocation: { kind: string; label: string; valueMinor: bigint; share: string }[];
  dividends: { month: string; amountMinor: bigint }[];
}

const SERIES_POINTS_MAX = 120;

/**
 * Holdings, values and returns, computed from the trades, splits, prices and dividends of a
 * ledger's INVESTMENT accounts. A holding is valued at its latest price on or before the day:
 * an entered, imported or fetched close, else the price of its latest trade.
 *
 * Returns over [from, to]: the holdings' value at the end of the day before `from` counts as put
 * in on `from`, buys as put in, sells and dividends as taken out, the value at `to` as taken out.
 * Total return = (value at to + taken out - put in) / put in. Time-weighted: sub-periods end at
 * each day with a cash flow, each return = value before that day's flows (with its dividends) /
 * value after the previous day's flows, chained. Money-weighted: XIRR of the same flows.
 */
export class PortfolioService {
  constructor(
    private readonly accounts: AccountService,
    private readonly investments: InvestmentService,
    private readonly securities: SecurityService,
    private readonly prices: PriceService,
    private readonly rates: CurrencyConverter,
  ) {}

  private async load(ledgerId: number, accountIds: number[] | null): Promise<PortfolioData> {
    const all = await this.accounts.list(ledgerId);
    const investment = all.filter(
      (a) => a.type === AccountType.INVESTMENT && (!accountIds || accountIds.includes(a.id)),
    );
    const ids = investment.map((a) => a.id);
    const [securities, events, closes, dividends] = await Promise.all([
      this.securities.securitiesByIds(ledgerId),
      this.investments.events(ledgerId, ids),
      this.prices.all(ledgerId),
      this.investments.dividends(ledgerId),
    ]);
    return {
      accounts: new Map(investment.map((a) => [a.id, a])),
      securities,
      events,
      prices: pricesByDay(events, closes),
      dividends: dividends.filter((d) => ids.includes(d.accountId)),
    };
  }

  /**
   * What the INVESTMENT accounts among `accountIds` hold on `date` beyond their ledger balance,
   * in each account's currency: the holdings' market value minus the net cash their trades took
   * (see InvestmentService on cash). Account worth = ledger balance + this.
   */
  async marketValue(
    ledgerId: number,
    accountIds: number[],
    date: string,
  ): Promise<Map<number, bigint>> {
    return (await this.marketValues(ledgerId, accountIds, [date])).get(date) ?? new Map();
  }

  /** `marketValue` on several days at once (net worth's month ends): one load, one replay. */
  async marketValues(
    ledgerId: number,
    accountIds: number[],
    dates: string[],
  ): Promise<Map<string, Map<number, bigint>>> {
    return worthBeyondBalance(await this.load(ledgerId, accountIds), dates);
  }

  async portfolio(
    scope: LedgerScope,
    options: { accountId?: string | null; from?: string | null; to?: string | null },
    now = new Date(),
  ): Promise<PortfolioResult> {
    const { data, currency, from, to, convert } = await this.prepare(scope, options, now);
    const digits = currencyDigits(currency);
    const all: Filter = () => true;
    const { performance, book } = await perform(data, all, from, to, convert);
    const holdings: HoldingResult[] = [];
    for (const position of book.positions.values()) {
      const quantity = quantityOf(position);
      if (quantity === 0n) continue;
      holdings.push(
        await this.holding(
          data,
          position,
          from,
          to,
          convert,
          (a, s) => a === position.accountId && s === position.securityId,
        ),
      );
    }
    holdings.sort((a, b) => Number((b.valueMinor ?? 0n) - (a.valueMinor ?? 0n)));
    const valueMinor = holdings.reduce((sum, h) => sum + (h.valueMinor ?? 0n), 0n);
    const costMinor = holdings.reduce((sum, h) => sum + h.costMinor, 0n);
    const dividends = new Map<string, bigint>();
    for (const d of data.dividends) {
      if (d.date < from || d.date > to) continue;
      const account = data.accounts.get(d.accountId) as Account;
      const amount = await convert(BigInt(d.amountMinor), account.currency, d.date);
      dividends.set(monthOf(d.date), (dividends.get(monthOf(d.date)) ?? 0n) + amount);
    }
    return {
      currency,
      digits,
      from,
      to,
      valueMinor,
      costMinor,
      performance,
      holdings,
      allocation: allocation(holdings, valueMinor),
      dividends: [...dividends]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, amountMinor]) => ({ month, amountMinor })),
    };
  }

  private async holding(
    data: PortfolioData,
    position: Position,
    from: string,
    to: string,
    convert: Converter,
    filter: Filter,
  ): Promise<HoldingResult> {
    const account = data.accounts.get(position.accountId) as Account;
    const price = priceAt(data, position.securityId, to);
    const quantity = quantityOf(position);
    const value =
      price === null
        ? null
        : await convert(
            valueMinor(quantity, price, currencyDigits(account.currency)),
            account.currency,
            to,
          );
    const { performance } = await perform(data, filter, from, to, convert);
    return {
      accountId: position.accountId,
      security: data.securities.get(position.securityId) as Security,
      quantity,
      price,
      costMinor: await convert(costOf(position), account.currency, to),
      valueMinor: value,
      realizedMinor: performance.realizedMinor,
      performance,
    };
  }

  /** Portfolio value (and cost basis) on evenly spaced days from `from` to `to`. */
  async valueSeries(
    scope: LedgerScope,
    options: { accountId?: string | null; from?: string | null; to?: string | null },
    now = new Date(),
  ): Promise<{
    currency: string;
    points: { date: string; valueMinor: bigint; costMinor: bigint }[];
  }> {
    const { data, currency, from, to, convert } = await this.prepare(scope, options, now);
    const span = daysBetween(from, to);
    const count = Math.min(span + 1, SERIES_POINTS_MAX);
    const days = [
      ...new Set(
        Array.from({ length: count }, (_, i) =>
          addDays(from, count === 1 ? 0 : Math.round((span * i) / (count - 1))),
        ),
      ),
    ];
    const points = await valuePoints(data, days, convert);
    return { currency, points };
  }

  private async prepare(
    scope: LedgerScope,
    options: { accountId?: string | null; from?: string | null; to?: string | null },
    now: Date,
  ) {
    let accountIds: number[] | null = null;
    let currency = scope.user.currency;
    if (options.accountId) {
      const account = await this.securities.investmentAccount(scope.ledgerId, options.accountId);
      accountIds = [account.id];
      currency = account.currency;
    }
    const data = await this.load(scope.ledgerId, accountIds);
    const to = options.to ? requireDay(options.to, 'to') : todayOf(now);
    const first = data.events[0]?.date ?? to;
    const from = options.from ? requireDay(options.from, 'from') : first < to ? first : to;
    if (from > to) throw badInput('from', 'The period must start on or before its end');
    const rateMemo = new Map<string, Promise<string>>();
    const convert: Converter = async (amount, fromCurrency, date) => {
      if (fromCurrency === currency || amount === 0n) return amount;
      const key = `${fromCurrency}|${date}`;
      let rate = rateMemo.get(key);
      if (!rate) {
        rate = this.rates
          .convert(scope.ledgerId, 0n, fromCurrency, currency, date)
          .then((c) => c.rate);
        rateMemo.set(key, rate);
      }
      return convertMinor(
        amount,
        currencyDigits(fromCurrency),
        currencyDigits(currency),
        await rate,
      );
    };
    return { data, currency, from, to, convert };
  }
}
