import { currencyDigits } from '../../lib/currencies';
import { addDays, daysBetween } from '../../lib/dates';
import { roundHalfEven, type Ratio } from '../../lib/exchange';
import { ratioToDecimal, xirr, type CashFlow } from '../../lib/returns';
import type { Account } from '../ledger/account.entity';
import { Book, costOf, quantityOf, tradeCashMinor, type TradeEvent } from './book';
import { priceAt, type PortfolioData } from './portfolio-data';
import type { HoldingResult, Performance, PortfolioResult } from './portfolio.service';
import { valueMinor, type Price } from './units';

/**
 * Valuation and returns of a loaded portfolio; no database. See PortfolioService for the
 * definitions of the returns.
 */

export type Filter = (accountId: number, securityId: number) => boolean;

const FIXED = 10n ** 24n;

export async function valueOn(
  data: PortfolioData,
  book: Book,
  filter: Filter,
  date: string,
  convert: Converter,
) {
  let total = 0n;
  for (const position of book.positions.values()) {
    if (!filter(position.accountId, position.securityId)) continue;
    const quantity = quantityOf(position);
    const price = priceAt(data, position.securityId, date);
    if (quantity === 0n || !price) continue;
    const account = data.accounts.get(position.accountId) as Account;
    total += await convert(valueMinor_(quantity, price, account.currency), account.currency, date);
  }
  return total;
}

export async function perform(
  data: PortfolioData,
  filter: Filter,
  from: string,
  to: string,
  convert: Converter,
): Promise<{ performance: Performance; book: Book }> {
  const events = data.events.filter((e) => e.kind === 'split' || filter(e.accountId, e.securityId));
  const dividends = data.dividends.filter(
    (d) => filter(d.accountId, d.securityId) && d.date >= from && d.date <= to,
  );
  const book = new Book();
  let next = 0;
  const applyBefore = (day: string) => {
    while (next < events.length && events[next].date < day) book.apply(events[next++]);
  };
  applyBefore(from);
  const start = await valueOn(data, book, filter, addDays(from, -1), convert);
  const flows: CashFlow[] = start > 0n ? [{ days: 0, amount: -start }] : [];
  let putIn = start;
  let takenOut = 0n;
  let realizedMinor = 0n;
  let dividendsMinor = 0n;
  let factor: Ratio = { num: FIXED, den: FIXED };
  let chained = false;
  let base = start;
  const flowDays = [
    ...new Set([
      ...events
        .filter((e) => e.kind === 'trade' && e.date >= from && e.date <= to)
        .map((e) => e.date),
      ...dividends.map((d) => d.date),
    ]),
  ].sort();
  const chain = (end: bigint) => {
    if (base <= 0n) return;
    factor = { num: roundHalfEven(factor.num * end * FIXED, factor.den * base), den: FIXED };
    chained = true;
  };
  for (const day of flowDays) {
    applyBefore(day);
    let paid = 0n;
    for (const d of dividends.filter((x) => x.date === day)) {
      const account = data.accounts.get(d.accountId) as Account;
      paid += await convert(BigInt(d.amountMinor), account.currency, day);
    }
    chain((await valueOn(data, book, filter, day, convert)) + paid);
    if (paid) flows.push({ days: daysBetween(from, day), amount: paid });
    takenOut += paid;
    dividendsMinor += paid;
    while (next < events.length && events[next].date === day) {
      const event = events[next++];
      const { realizedMinor: realized } = book.apply(event);
      if (event.kind !== 'trade') continue;
      const account = data.accounts.get(event.accountId) as Account;
      const cash = await convert(tradeCashMinor(event as TradeEvent), account.currency, day);
      realizedMinor += await convert(realized, account.currency, day);
      if (event.side === 'BUY') putIn += cash;
      else takenOut += cash;
      flows.push({ days: daysBetween(from, day), amount: event.side === 'BUY' ? -cash : cash });
    }
    base = await valueOn(data, book, filter, day, convert);
  }
  while (next < events.length && events[next].date <= to) book.apply(events[next++]);
  const end = await valueOn(data, book, filter, to, convert);
  chain(end);
  flows.push({ days: daysBetween(from, to), amount: end });
  return {
    book,
    performance: {
      totalReturn: putIn > 0n ? ratioToDecimal({ num: end + takenOut - putIn, den: putIn }) : null,
      timeWeightedReturn: chained
        ? ratioToDecimal({ num: factor.num - factor.den, den: factor.den })
        : null,
      moneyWeightedReturn: xirr(flows),
      realizedMinor,
      dividendsMinor,
    },
  };
}

export type Converter = (amount: bigint, currency: string, date: string) => Promise<bigint>;

export function valueMinor_(quantity: bigint, price: Price, currency: string): bigint {
  return valueMinor(quantity, price, currencyDigits(currency));
}

/** The holdings' value and cost basis at the end of each of `days` (ascending). */
export async function valuePoints(data: PortfolioData, days: string[], convert: Converter) {
  const book = new Book();
  let next = 0;
  const points: { date: string; valueMinor: bigint; costMinor: bigint }[] = [];
  for (const day of days) {
    while (next < data.events.length && data.events[next].date <= day) {
      book.apply(data.events[next++]);
    }
    let valueMinor = 0n;
    let costMinor = 0n;
    for (const position of book.positions.values()) {
      const account = data.accounts.get(position.accountId) as Account;
      const price = priceAt(data, position.securityId, day);
      const quantity = quantityOf(position);
      if (quantity === 0n) continue;
      costMinor += await convert(costOf(position), account.currency, day);
      if (price) {
        valueMinor += await convert(
          valueMinor_(quantity, price, account.currency),
          account.currency,
          day,
        );
      }
    }
    points.push({ date: day, valueMinor, costMinor });
  }
  return points;
}

export function allocation(holdings: HoldingResult[], total: bigint) {
  const slices: PortfolioResult['allocation'] = [];
  const group = (kind: string, labelOf: (h: HoldingResult) => string) => {
    const sums = new Map<string, bigint>();
    for (const h of holdings) {
      if (!h.valueMinor) continue;
      sums.set(labelOf(h), (sums.get(labelOf(h)) ?? 0n) + h.valueMinor);
    }
    for (const [label, value] of [...sums].sort((a, b) => Number(b[1] - a[1]))) {
      slices.push({
        kind,
        label,
        valueMinor: value,
        share: total > 0n ? ratioToDecimal({ num: value, den: total }, 4) : '0.0000',
      });
    }
  };
  group('ASSET_CLASS', (h) => h.security.assetClass);
  group('HOLDING', (h) => h.security.symbol);
  group('CURRENCY', (h) => h.security.currency);
  return slices;
}
