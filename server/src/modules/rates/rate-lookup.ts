import type { DataSource } from 'typeorm';
import { divide, formatRate, invert, parseRate, type Ratio } from '../../lib/exchange';

/** The rate that turns one currency into another, the day it is of, and where it came from. */
export interface FoundRate {
  rate: string;
  date: string;
  source: string;
}

interface StoredRate {
  base: string;
  quote: string;
  date: string;
  rate: string;
  source: string;
}

/** How many units of `to` one unit of `from` buys, as found; derived when not stored as is. */
interface Leg {
  ratio: Ratio;
  text: string | null;
  date: string;
  source: string;
}

/**
 * The latest rate on or before `date` of every stored pair that has `from` or `to` on either
 * side: all a direct, inverse or cross rate can be made of. Each half of the UNION walks its
 * own index ((ledgerId, base, quote, date) and (ledgerId, quote, base, date)).
 */
export async function findLookupRates(
  dataSource: DataSource,
  ledgerId: number,
  from: string,
  to: string,
  date: string,
): Promise<StoredRate[]> {
  const rows: StoredRate[] = await dataSource.query(
    'SELECT r.base AS base, r.quote AS quote, r.date AS date, r.rate AS rate, r.source AS source ' +
      'FROM exchange_rates r INNER JOIN (' +
      'SELECT base, quote, MAX(date) AS latest FROM exchange_rates ' +
      'WHERE ledgerId = ? AND base IN (?, ?) AND date <= ? GROUP BY base, quote ' +
      'UNION ' +
      'SELECT base, quote, MAX(date) AS latest FROM exchange_rates ' +
      'WHERE ledgerId = ? AND quote IN (?, ?) AND date <= ? GROUP BY base, quote' +
      ') m ON r.base = m.base AND r.quote = m.quote AND r.date = m.latest ' +
      'WHERE r.ledgerId = ?',
    [ledgerId, from, to, date, ledgerId, from, to, date, ledgerId],
  );
  return rows.map((row) => ({ ...row, date: String(row.date).slice(0, 10) }));
}

/** Freshest first; on the same day a stored rate beats its inverse, which beats a cross rate. */
function better(a: Leg | undefined, b: Leg): boolean {
  return a === undefined || b.date > a.date;
}

/** Every leg `currency` -> X the rows give (stored, or the inverse of X -> currency). */
function legsFrom(rows: StoredRate[], currency: string): Map<string, Leg> {
  const legs = new Map<string, Leg>();
  for (const stored of [true, false]) {
    for (const row of rows) {
      const other = stored
        ? row.base === currency
          ? row.quote
          : null
        : row.quote === currency
          ? row.base
          : null;
      if (other === null) continue;
      const ratio = parseRate(row.rate);
      if (!ratio) continue;
      const leg: Leg = stored
        ? { ratio, text: row.rate, date: row.date, source: row.source }
        : { ratio: invert(ratio), text: null, date: row.date, source: row.source };
      if (better(legs.get(other), leg)) legs.set(other, leg);
    }
  }
  return legs;
}

/** The best rate `from` -> `to` the rows hold, or null (see RateService.lookup). */
export function pickRate(rows: StoredRate[], from: string, to: string): FoundRate | null {
  const fromLegs = legsFrom(rows, from);
  const toLegs = legsFrom(rows, to);
  let best = fromLegs.get(to);
  // Through a common base B: (from -> to) = (B -> to) / (B -> from), dated by the older leg.
  const bases = [...fromLegs.keys()].filter((b) => b !== to && toLegs.has(b)).sort();
  for (const base of bases) {
    const fromBase = fromLegs.get(base) as Leg;
    const toBase = toLegs.get(base) as Leg;
    const older = fromBase.date <= toBase.date ? fromBase : toBase;
    // from -> B times B -> to, where B -> to is the inverse of to -> B.
    const cross: Leg = {
      ratio: divide(fromBase.ratio, toBase.ratio),
      text: null,
      date: older.date,
      source: older.source,
    };
    if (better(best, cross)) best = cross;
  }
  if (!best) return null;
  return { rate: best.text ?? formatRate(best.ratio), date: best.date, source: best.source };
}
