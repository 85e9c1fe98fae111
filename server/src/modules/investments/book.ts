import { AppError } from '../../errors';
import { roundHalfEven } from '../../lib/exchange';
import { valueMinor, type Price } from './units';

/**
 * Lots, first in first out, replayed from the trades and splits of a ledger. Pure: no database.
 *
 * - A buy opens a lot costing quantity x price + fees (rounded once, half to even).
 * - A sell takes its quantity from the oldest lots; a lot taken in part gives up its cost in
 *   proportion (rounded half to even) and keeps the rest, so no minor unit is lost or made.
 *   Realised gain = quantity x price - fees - the cost taken.
 * - A split multiplies every open lot's quantity by the ratio (rounded half to even to 1e-8) and
 *   keeps its cost. It applies from the start of its day, before that day's trades.
 */

export type Side = 'BUY' | 'SELL';

export interface TradeEvent {
  kind: 'trade';
  id: number;
  accountId: number;
  securityId: number;
  side: Side;
  date: string;
  quantity: bigint;
  price: Price;
  feesMinor: bigint;
  digits: number;
}

export interface SplitEvent {
  kind: 'split';
  id: number;
  /** Null: every account of the ledger holding the security. */
  accountId: number | null;
  securityId: number;
  date: string;
  num: bigint;
  den: bigint;
}

export type BookEvent = TradeEvent | SplitEvent;

export interface Lot {
  date: string;
  quantity: bigint;
  costMinor: bigint;
}

export interface Position {
  accountId: number;
  securityId: number;
  lots: Lot[];
  realizedMinor: bigint;
}

export const positionKey = (accountId: number, securityId: number) => `${accountId}:${securityId}`;

/** Splits before trades on one day, then in the order they were entered. */
export function sortEvents(events: BookEvent[]): BookEvent[] {
  return [...events].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.kind === b.kind ? 0 : a.kind === 'split' ? -1 : 1) ||
      a.id - b.id,
  );
}

export function quantityOf(position: Position): bigint {
  return position.lots.reduce((sum, lot) => sum + lot.quantity, 0n);
}

export function costOf(position: Position): bigint {
  return position.lots.reduce((sum, lot) => sum + lot.costMinor, 0n);
}

export class Book {
  readonly positions = new Map<string, Position>();

  position(accountId: number, securityId: number): Position {
    const key = positionKey(accountId, securityId);
    let position = this.positions.get(key);
    if (!position) {
      position = { accountId, securityId, lots: [], realizedMinor: 0n };
      this.positions.set(key, position);
    }
    return position;
  }

  /** Applies one event; a sell of more than is held throws BAD_USER_INPUT on `quantity`. */
  apply(event: BookEvent): { realizedMinor: bigint } {
    if (event.kind === 'split') {
      for (const position of this.positions.values()) {
        if (position.securityId !== event.securityId) continue;
        if (event.accountId !== null && position.accountId !== event.accountId) continue;
        for (const lot of position.lots) {
          lot.quantity = roundHalfEven(lot.quantity * event.num, event.den);
        }
      }
      return { realizedMinor: 0n };
    }
    const position = this.position(event.accountId, event.securityId);
    const gross = valueMinor(event.quantity, event.price, event.digits);
    if (event.side === 'BUY') {
      position.lots.push({
        date: event.date,
        quantity: event.quantity,
        costMinor: gross + event.feesMinor,
      });
      return { realizedMinor: 0n };
    }
    const held = quantityOf(position);
    if (event.quantity > held) {
      throw new AppError(
        'BAD_USER_INPUT',
        `Cannot sell more than is held on ${event.date}`,
        'quantity',
        { tradeId: event.id },
      );
    }
    let remaining = event.quantity;
    let costTaken = 0n;
    while (remaining > 0n) {
      const lot = position.lots[0];
      const take = remaining < lot.quantity ? remaining : lot.quantity;
      const cost =
        take === lot.quantity ? lot.costMinor : roundHalfEven(lot.costMinor * take, lot.quantity);
      lot.quantity -= take;
      lot.costMinor -= cost;
      costTaken += cost;
      remaining -= take;
      if (lot.quantity === 0n) position.lots.shift();
    }
    const realized = gross - event.feesMinor - costTaken;
    position.realizedMinor += realized;
    return { realizedMinor: realized };
  }
}

/** The money a trade moves: a buy's cost (with fees) or a sell's proceeds (net of fees). */
export function tradeCashMinor(event: TradeEvent): bigint {
  const gross = valueMinor(event.quantity, event.price, event.digits);
  return event.side === 'BUY' ? gross + event.feesMinor : gross - event.feesMinor;
}
