import { addDays, daysBetween } from '../../lib/dates';
import { detectSeries, type Cadence, type Occurrence } from './detect';
import { normalisePayee } from '../../lib/payee';

/**
 * Generated ledgers with known recurring series and noise, to measure detection: the same seed
 * gives the same histories everywhere. Used by the detection test and `bench/recurring-detection.ts`.
 */
export interface SyntheticTransaction {
  payee: string;
  date: string;
  amountMinor: number;
  kind: 'EXPENSE' | 'INCOME';
}

export interface SyntheticHistory {
  transactions: SyntheticTransaction[];
  /** The series that should be found: normalised payee and cadence. */
  truth: { key: string; cadence: Cadence }[];
}

/** mulberry32: small, seeded, the same on every machine. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A factor in [1 - share, 1 + share]. */
  vary(share: number): number {
    return 1 + (this.next() * 2 - 1) * share;
  }
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** Banks book a weekend's payment on the Monday (or, for month ends, the Friday before). */
const nextBusinessDay = (date: string) =>
  weekday(date) === 6 ? addDays(date, 2) : weekday(date) === 0 ? addDays(date, 1) : date;
const previousBusinessDay = (date: string) =>
  weekday(date) === 6 ? addDays(date, -1) : weekday(date) === 0 ? addDays(date, -2) : date;
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
function monthDay(year: number, month: number, day: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const d = day === -1 ? lastDayOf(y, m) : Math.min(day, lastDayOf(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const SHOPS = ['Tesco', 'Lidl', 'Aldi', 'Rewe', 'Edeka', 'Migros', 'Coop', 'Carrefour'];
const ONE_OFF_WORDS = [
  'Amber',
  'Blue',
  'Cedar',
  'Delta',
  'Echo',
  'Falcon',
  'Garden',
  'Harbor',
  'Iris',
  'Juniper',
  'Kite',
  'Lotus',
  'Maple',
  'North',
  'Oak',
  'Pine',
  'Quartz',
  'River',
  'Stone',
  'Tiger',
];
const ONE_OFF_KINDS = [
  'Books',
  'Bistro',
  'Hardware',
  'Florist',
  'Outlet',
  'Games',
  'Cinema',
  'Bar',
];
const IRREGULAR = ['Corner Cafe', 'City Pharmacy', 'Shell Station', 'Kiosk', 'Bakery Sonne'];

/**
 * One household's 3 years (the detection window) ending at `end`: a random subset of rent,
 * salary, weekly groceries at one or two shops, a biweekly cleaner, a month-end loan, yearly
 * insurance, a quarterly water bill and subscriptions whose amounts vary within a 10 % band
 * (+-5 %), each starting at a
 * random time; plus one-off purchases, payees that come back irregularly (some at a fixed
 * price), payees seen a few times at random at one price, and series that stopped after two
 * payments.
 */
export function syntheticHistory(seed: number, end = '2025-06-30'): SyntheticHistory {
  const random = new SeededRandom(seed);
  const start = addDays(end, -3 * 365);
  const transactions: SyntheticTransaction[] = [];
  const truth: SyntheticHistory['truth'] = [];
  const inWindow = (date: string) => date >= start && date <= end;
  const series = (
    payee: (i: number) => string,
    cadence: Cadence,
    dates: string[],
    amount: (i: number) => number,
    kind: 'EXPENSE' | 'INCOME' = 'EXPENSE',
  ) => {
    const kept = dates.filter(inWindow);
    kept.forEach((date, i) =>
      transactions.push({ payee: payee(i), date, amountMinor: amount(i), kind }),
    );
    if (kept.length >= 3) truth.push({ key: normalisePayee(payee(0)), cadence });
  };
  const [endYear, endMonth] = end.split('-').map(Number);
  /** Months from a random start (up to 30 months ago) to `end`. */
  const months = (earliest = 35) => {
    const from = random.int(0, earliest);
    return Array.from({ length: from + 1 }, (_, i) => endMonth - from + i);
  };

  if (random.next() < 0.9) {
    const day = random.int(1, 28);
    const rent = random.int(600, 2000) * 100;
    series(
      () => 'Landlord Properties Ltd',
      'MONTHLY',
      months().map((m) => nextBusinessDay(monthDay(endYear, m, day))),
      () => rent,
    );
  }
  if (random.next() < 0.9) {
    const day = random.pick([-1, 25, 28, 15]);
    const pay = random.int(2000, 6000) * 100;
    series(
      (i) => `ACME GmbH Salary ${2000 + i}`,
      'MONTHLY',
      months().map((m) => previousBusinessDay(monthDay(endYear, m, day))),
      () => Math.round(pay * random.vary(0.03)),
      'INCOME',
    );
  }
  const shops = [...SHOPS].sort(() => random.next() - 0.5).slice(0, random.int(0, 2));
  for (const shop of shops) {
    const weeks = random.int(3, 150);
    const first = addDays(end, -7 * weeks + random.int(0, 6));
    const base = random.int(4000, 12000);
    series(
      () => `${shop.toUpperCase()} STORE ${random.int(100, 999)}`,
      'WEEKLY',
      Array.from({ length: weeks }, (_, i) => addDays(first, 7 * i + random.int(-1, 1))),
      () => Math.round(base * random.vary(0.05)),
    );
  }
  if (random.next() < 0.5) {
    const count = random.int(3, 70);
    const first = addDays(end, -14 * count + random.int(0, 13));
    series(
      () => 'Clean & Shine cleaning',
      'BIWEEKLY',
      Array.from({ length: count }, (_, i) => addDays(first, 14 * i + random.int(-1, 1))),
      () => 9000,
    );
  }
  if (random.next() < 0.6) {
    const amount = random.int(150, 900) * 100;
    series(
      (i) => `Car loan ref ${8800 + i}`,
      'MONTHLY',
      months().map((m) => previousBusinessDay(monthDay(endYear, m, -1))),
      () => amount,
    );
  }
  if (random.next() < 0.7) {
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    const amount = random.int(200, 1500) * 100;
    series(
      () => 'Allianz Insurance',
      'YEARLY',
      [0, 1, 2, 3].map((y) => nextBusinessDay(monthDay(endYear - 3 + y, month, day))),
      () => Math.round(amount * random.vary(0.05)),
    );
  }
  if (random.next() < 0.5) {
    const day = random.int(5, 25);
    const offset = random.int(0, 2);
    series(
      () => 'City Water Works',
      'QUARTERLY',
      Array.from({ length: 12 }, (_, q) =>
        addDays(monthDay(endYear, endMonth - 35 + offset + 3 * q, day), random.int(-2, 2)),
      ),
      () => Math.round(9000 * random.vary(0.05)),
    );
  }
  for (const name of ['Netflix.com', 'Spotify AB', 'Vodafone Mobile'].filter(
    () => random.next() < 0.6,
  )) {
    const day = random.int(1, 28);
    const base = random.int(800, 6000);
    series(
      (i) => `${name} ${random.int(1000, 9999)}-${i}`,
      'MONTHLY',
      months().map((m) => addDays(monthDay(endYear, m, day), random.int(0, 2))),
      () => Math.round(base * random.vary(name.startsWith('Vodafone') ? 0.05 : 0)),
    );
  }
  // Noise: stopped after two payments (not a series yet).
  for (const name of ['Gym Trial', 'Magazine Trial'].filter(() => random.next() < 0.7)) {
    const first = addDays(end, -random.int(60, 900));
    series(
      () => name,
      'MONTHLY',
      [first, addDays(first, 30)],
      () => 1999,
    );
  }
  // Noise: one-off purchases, names that repeat by chance.
  const oneOffs = random.int(150, 400);
  for (let i = 0; i < oneOffs; i++) {
    transactions.push({
      payee: `${random.pick(ONE_OFF_WORDS)} ${random.pick(ONE_OFF_KINDS)} #${random.int(1, 99999)}`,
      date: addDays(start, random.int(0, daysBetween(start, end))),
      amountMinor: Math.round(Math.exp(3 + random.next() * 3) * 100),
      kind: 'EXPENSE',
    });
  }
  // Noise: payees seen a few times at random (a dentist, a garage), always at the same price.
  for (let i = random.int(3, 10); i > 0; i--) {
    const price = random.int(2000, 20000);
    const name = `${random.pick(ONE_OFF_WORDS)} ${random.pick(['Dental', 'Garage', 'Vet', 'Optician'])}`;
    for (let n = random.int(3, 5); n > 0; n--) {
      transactions.push({
        payee: name,
        date: addDays(start, random.int(0, daysBetween(start, end))),
        amountMinor: price,
        kind: 'EXPENSE',
      });
    }
  }
  // Noise: payees that come back at irregular intervals; some always at the same price.
  for (const name of IRREGULAR) {
    const fixed = random.next() < 0.5 ? random.int(250, 900) : null;
    let date = addDays(start, random.int(0, 30));
    while (date <= end) {
      transactions.push({
        payee: name,
        date,
        amountMinor: fixed ?? random.int(300, 9000),
        kind: 'EXPENSE',
      });
      date = addDays(date, random.int(2, 25));
    }
  }
  transactions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { transactions, truth };
}

/** Occurrences per kind and normalised payee, as the ledger's read groups them. */
export function groupByPayee(history: SyntheticHistory): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  for (const t of history.transactions) {
    const key = normalisePayee(t.payee);
    const list = groups.get(key) ?? [];
    list.push({ date: t.date, amountMinor: t.amountMinor });
    groups.set(key, list);
  }
  return groups;
}

export interface DetectionScore {
  histories: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** What went wrong, for reading: "seed key cadence". */
  misses: string[];
  wrong: string[];
}

/** Detection run on `histories` generated ledgers (seeds seed, seed+1, ...), scored against the truth. */
export function measureDetection(histories: number, seed: number): DetectionScore {
  const score: DetectionScore = {
    histories,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    misses: [],
    wrong: [],
  };
  for (let h = 0; h < histories; h++) {
    const history = syntheticHistory(seed + h);
    const expected = new Set(history.truth.map((t) => `${t.key}|${t.cadence}`));
    const found = new Set<string>();
    for (const [key, occurrences] of groupByPayee(history)) {
      for (const series of detectSeries(occurrences)) found.add(`${key}|${series.cadence}`);
    }
    for (const f of found) {
      if (expected.has(f)) score.truePositives++;
      else {
        score.falsePositives++;
        score.wrong.push(`${seed + h} ${f}`);
      }
    }
    for (const e of expected) {
      if (!found.has(e)) {
        score.falseNegatives++;
        score.misses.push(`${seed + h} ${e}`);
      }
    }
  }
  score.precision = score.truePositives / (score.truePositives + score.falsePositives || 1);
  score.recall = score.truePositives / (score.truePositives + score.falseNegatives || 1);
  return score;
}
