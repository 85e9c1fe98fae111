import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { currencyDigits, isCurrencyCode } from '../../lib/currencies';
import { convertMinor, normalizeRate } from '../../lib/exchange';
import { requireDay } from '../../lib/validate';
import type { UploadService } from '../uploads/upload.service';
import { ECB_BASE, EcbFileError, type RateFileKind } from './ecb-files';
import { ExchangeRate, type RateSource } from './exchange-rate.entity';
import { fetchProviderRates, ProviderError } from './rate-provider';
import { readRateFile } from './rate-file';
import type { ExchangeRateView } from './rate.types';
import { findLookupRates, pickRate, type FoundRate } from './rate-lookup';

export type { FoundRate } from './rate-lookup';

export interface Conversion {
  amountMinor: bigint;
  rate: string;
  rateDate: string;
  source: string;
}

export interface RateRow {
  base: string;
  quote: string;
  date: string;
  rate: string;
}

export const LIST_LIMIT = 500;
const CHUNK_ROWS = 1000;

const FILE_KINDS: Record<string, RateFileKind> = {
  'application/xml': 'xml',
  'application/zip': 'zip',
  'text/csv': 'csv',
  'text/plain': 'csv',
};

function requireCurrency(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isCurrencyCode(value.trim().toUpperCase())) {
    throw badInput(field, 'Currency must be an ISO 4217 code such as EUR or USD');
  }
  return value.trim().toUpperCase();
}

const toView = (row: RateRow & { source: string }): ExchangeRateView => ({
  from: row.base,
  to: row.quote,
  date: row.date,
  rate: row.rate,
  source: row.source,
});

export class RateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: UploadService,
    private readonly ratesUrl: string | undefined,
  ) {}

  /** The ledger's stored rates, newest first, at most 500; `date`: that day or earlier. */
  async list(
    ledgerId: number,
    filter: { from?: string | null; to?: string | null; date?: string | null },
  ): Promise<ExchangeRateView[]> {
    const query = this.dataSource
      .getRepository(ExchangeRate)
      .createQueryBuilder('r')
      .select(['r.base', 'r.quote', 'r.date', 'r.rate', 'r.source'])
      .where('r.ledgerId = :ledgerId', { ledgerId });
    if (filter.from)
      query.andWhere('r.base = :from', { from: requireCurrency(filter.from, 'from') });
    if (filter.to) query.andWhere('r.quote = :to', { to: requireCurrency(filter.to, 'to') });
    if (filter.date) query.andWhere('r.date <= :date', { date: requireDay(filter.date, 'date') });
    const rows = await query
      .orderBy('r.date', 'DESC')
      .addOrderBy('r.base', 'ASC')
      .addOrderBy('r.quote', 'ASC')
      .take(LIST_LIMIT)
      .getMany();
    return rows.map(toView);
  }

  /** Stores a rate entered by hand, replacing the pair's rate of that day. */
  async set(
    ledgerId: number,
    input: { from: unknown; to: unknown; date: unknown; rate: unknown },
  ): Promise<ExchangeRateView> {
    const base = requireCurrency(input.from, 'from');
    const quote = requireCurrency(input.to, 'to');
    if (base === quote) throw badInput('to', 'The two currencies must differ');
    const date = requireDay(input.date, 'date');
    const rate = typeof input.rate === 'string' ? normalizeRate(input.rate.trim()) : null;
    if (!rate) {
      throw badInput(
        'rate',
        'Rate must be a positive decimal with at most 12 decimals, e.g. 1.0825',
      );
    }
    const row = { base, quote, date, rate };
    await inTransaction(this.dataSource, (manager) =>
      this.upsert(manager, ledgerId, [row], 'MANUAL'),
    );
    return toView({ ...row, source: 'MANUAL' });
  }

  /**
   * The rate to turn `from` into `to` on `date`: the pair's rate of the day, else its latest
   * earlier one; the inverse of the opposite pair; or a cross rate through a common base (each
   * leg on or before the date). The freshest of these wins; `date` is the older leg's.
   */
  async lookup(
    ledgerId: number,
    from: string,
    to: string,
    date: string,
  ): Promise<FoundRate | null> {
    if (from === to) return { rate: '1', date, source: 'SAME' };
    const rows = await findLookupRates(this.dataSource, ledgerId, from, to, date);
    return pickRate(rows, from, to);
  }

  /**
   * `amountMinor` of `from` in `to` on `date`, rounded half to even (lib/exchange.ts). A missing
   * rate is BAD_USER_INPUT on `field`, naming the pair and the day, with details `{ from, to,
   * date }` so that a form can offer to enter that rate.
   */
  async convert(
    ledgerId: number,
    amountMinor: bigint,
    from: string,
    to: string,
    date: string,
    field = 'currency',
  ): Promise<Conversion> {
    const source = requireCurrency(from, field);
    const target = requireCurrency(to, field);
    if (source === target) return { amountMinor, rate: '1', rateDate: date, source: 'SAME' };
    const found = await this.lookup(ledgerId, source, target, date);
    if (!found) {
      throw new AppError(
        'BAD_USER_INPUT',
        `No ${source}->${target} exchange rate on or before ${date}; enter one first`,
        field,
        { from: source, to: target, date },
      );
    }
    return {
      amountMinor: convertMinor(
        amountMinor,
        currencyDigits(source),
        currencyDigits(target),
        found.rate,
      ),
      rate: found.rate,
      rateDate: found.date,
      source: found.source,
    };
  }

  /** Stores the rates of an uploaded ECB file (daily XML, history CSV or its zip). */
  async importUpload(ledgerId: number, userId: number, uploadId: string): Promise<number> {
    const upload = await this.uploads.read(userId, uploadId);
    const kind = FILE_KINDS[upload.type];
    if (!kind) {
      throw badInput(
        'uploadId',
        'This file is not an ECB rates file: upload eurofxref-daily.xml, eurofxref-hist.csv or its zip',
      );
    }
    let rates;
    try {
      rates = await readRateFile(kind, upload.content);
    } catch (error) {
      if (error instanceof EcbFileError) throw badInput('uploadId', error.message);
      throw error;
    }
    if (rates.length === 0) throw badInput('uploadId', 'The file holds no exchange rates');
    return this.store(
      ledgerId,
      rates.map((r) => ({ ...r, base: ECB_BASE })),
      'ECB',
    );
  }

  /** Fetches today's rates from RATES_URL; refused when it is not set (nothing reaches out). */
  async refresh(ledgerId: number): Promise<number> {
    if (!this.ratesUrl) {
      throw new AppError(
        'BAD_USER_INPUT',
        'RATES_URL is not set: this server does not fetch exchange rates. Enter or import them instead.',
      );
    }
    let rates;
    try {
      rates = await fetchProviderRates(this.ratesUrl);
    } catch (error) {
      if (error instanceof ProviderError) throw new AppError('BAD_USER_INPUT', error.message);
      throw error;
    }
    return this.store(
      ledgerId,
      rates.map((r) => ({ ...r, base: ECB_BASE })),
      'PROVIDER',
    );
  }

  /**
   * The daily job's refresh: fetches once and stores for every ledger that has fetched
   * provider rates before (asking once with refreshExchangeRates opts a ledger in). Answers how
   * many rates changed.
   */
  async refreshAll(): Promise<number> {
    if (!this.ratesUrl) return 0;
    const ledgers: { ledgerId: number | string }[] = await this.dataSource.query(
      "SELECT DISTINCT ledgerId FROM exchange_rates WHERE source = 'PROVIDER'",
    );
    if (ledgers.length === 0) return 0;
    const rates = await fetchProviderRates(this.ratesUrl);
    let stored = 0;
    for (const { ledgerId } of ledgers) {
      stored += await this.store(
        Number(ledgerId),
        rates.map((r) => ({ ...r, base: ECB_BASE })),
        'PROVIDER',
      );
    }
    return stored;
  }

  /** Upserts `rows` in one transaction, in chunks; the number of rows added or changed. */
  private store(ledgerId: number, rows: RateRow[], source: RateSource): Promise<number> {
    const unique = new Map<string, RateRow>();
    for (const row of rows) unique.set(`${row.date}|${row.base}|${row.quote}`, row);
    const sorted = [...unique.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
    return inTransaction(this.dataSource, async (manager) => {
      let stored = 0;
      for (let i = 0; i < sorted.length; i += CHUNK_ROWS) {
        stored += await this.upsert(manager, ledgerId, sorted.slice(i, i + CHUNK_ROWS), source);
        // better-sqlite3 answers synchronously, so without this the whole import would run as
        // one unbroken task and no other request would be served until it ends.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return stored;
    });
  }

  /**
   * One chunk, sorted by date: the rows already there are read in one query, then the new ones
   * inserted in one statement and the changed ones updated. Unchanged rows cost nothing, so a
   * re-import writes nothing and counts 0.
   */
  private async upsert(
    manager: EntityManager,
    ledgerId: number,
    rows: RateRow[],
    source: RateSource,
  ): Promise<number> {
    const bases = [...new Set(rows.map((r) => r.base))];
    // Raw statements: TypeORM's builder costs more than the database for 1,000-row chunks.
    const existing: { base: string; quote: string; date: string; rate: string; source: string }[] =
      await manager.query(
        'SELECT base, quote, date, rate, source FROM exchange_rates ' +
          `WHERE ledgerId = ? AND base IN (${bases.map(() => '?').join(', ')}) ` +
          'AND date BETWEEN ? AND ?',
        [ledgerId, ...bases, rows[0].date, rows[rows.length - 1].date],
      );
    const key = (r: { date: unknown; base: string; quote: string }) =>
      `${String(r.date).slice(0, 10)}|${r.base}|${r.quote}`;
    const known = new Map(existing.map((r) => [key(r), r]));
    // The datetime text both drivers store as is (UTC, as the data source is configured).
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const added: RateRow[] = [];
    const changed: RateRow[] = [];
    for (const row of rows) {
      const before = known.get(key(row));
      if (!before) added.push(row);
      else if (before.rate !== row.rate || before.source !== source) changed.push(row);
    }
    if (added.length > 0) {
      await manager.query(
        'INSERT INTO exchange_rates (ledgerId, base, quote, date, rate, source, updatedAt) VALUES ' +
          added.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', '),
        added.flatMap((r) => [ledgerId, r.base, r.quote, r.date, r.rate, source, now]),
      );
    }
    for (const row of changed) {
      await manager.query(
        'UPDATE exchange_rates SET rate = ?, source = ?, updatedAt = ? ' +
          'WHERE ledgerId = ? AND base = ? AND quote = ? AND date = ?',
        [row.rate, source, now, ledgerId, row.base, row.quote, row.date],
      );
    }
    return added.length + changed.length;
  }
}
