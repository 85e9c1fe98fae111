import { currencyDigits } from '../../lib/currencies';
import type { Account } from '../ledger/account.entity';
import { Book, quantityOf, tradeCashMinor, type BookEvent } from './book';
import type { DividendFlow } from './investment.service';
import type { Security } from './security.entity';
import { valueMinor, type Price } from './units';

/**
 * What a portfolio is computed from, once loaded: its accounts, securities, trades and splits in
 * the order they apply, prices by security (oldest first) and dividends. No database here.
 */
export interface PortfolioData {
  accounts: Map<number, Account>;
  securities: Map<number, Security>;
  events: BookEvent[];
  prices: Map<number, { date: string; price: Price }[]>;
  dividends: DividendFlow[];
}

/** A recorded close as the price service answers it. */
export interface PriceRow {
  securityId: number;
  date: string;
  priceUnits: number;
  priceScale: number;
}

/**
 * Prices by security and day: each trade's price, replaced by a recorded close of the same day
 * (an entered, imported or fetched close is what the day ended at; a trade's is one moment of it).
 */
export function pricesByDay(
  events: BookEvent[],
  closes: PriceRow[],
): Map<number, { date: string; price: Price }[]> {
  const byDay = new Map<number, Map<string, Price>>();
  const note = (securityId: number, date: string, price: Price, replace: boolean) => {
    const days = byDay.get(securityId) ?? new Map<string, Price>();
    if (replace || !days.has(date)) days.set(date, price);
    byDay.set(securityId, days);
  };
  for (const e of events) if (e.kind === 'trade') note(e.securityId, e.date, e.price, false);
  for (const p of closes) {
    note(p.securityId, p.date, { units: BigInt(p.priceUnits), scale: p.priceScale }, true);
  }
  return new Map(
    [...byDay].map(([id, days]) => [
      id,
      [...days]
        .map(([date, price]) => ({ date, price }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    ]),
  );
}

/** The latest price of a security on or before `date`; null before its first. */
export function priceAt(data: PortfolioData, securityId: number, date: string): Price | null {
  const list = data.prices.get(securityId);
  if (!list) return null;
  let low = 0;
  let high = list.length - 1;
  let found: Price | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid].date <= date) {
      found = list[mid].price;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * What each account holds on each of `dates` beyond its ledger balance, in the account's
 * currency: the holdings at market less the net cash the trades took (see InvestmentService on
 * cash). One replay of the events for all the dates.
 */
export function worthBeyondBalance(
  data: PortfolioData,
  dates: string[],
): Map<string, Map<number, bigint>> {
  const book = new Book();
  const cash = new Map<number, bigint>();
  const answer = new Map<string, Map<number, bigint>>();
  let next = 0;
  for (const date of [...new Set(dates)].sort()) {
    for (; next < data.events.length && data.events[next].date <= date; next++) {
      const event = data.events[next];
      book.apply(event);
      if (event.kind !== 'trade') continue;
      const sign = event.side === 'BUY' ? -1n : 1n;
      cash.set(event.accountId, (cash.get(event.accountId) ?? 0n) + sign * tradeCashMinor(event));
    }
    const result = new Map(cash);
    for (const position of book.positions.values()) {
      const account = data.accounts.get(position.accountId);
      const price = priceAt(data, position.securityId, date);
      if (!account || !price) continue;
      const value = valueMinor(quantityOf(position), price, currencyDigits(account.currency));
      result.set(account.id, (result.get(account.id) ?? 0n) + value);
    }
    answer.set(date, result);
  }
  return answer;
}
