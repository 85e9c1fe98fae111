import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { requireDay } from '../../lib/validate';
import type { UploadService } from '../uploads/upload.service';
import { requireSymbol, type SecurityService } from './security.service';
import { PriceFileError, readPriceFile, type PriceRow } from './price-file';
import { fetchProviderPrices, PriceProviderError } from './price-provider';
import { SecurityPrice } from './security-price.entity';
import { Security } from './security.entity';
import { requirePrice, type Price } from './units';

export type PriceSource = 'MANUAL' | 'FILE' | 'PROVIDER';

/** Closing prices of a ledger's securities: entered, imported from CSV, or fetched (PRICES_URL). */
export class PriceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly securities: SecurityService,
    private readonly uploads: UploadService,
    private readonly pricesUrl: string | undefined,
  ) {}

  async set(ledgerId: number, symbol: unknown, date: unknown, price: unknown): Promise<boolean> {
    const day = requireDay(date, 'date');
    const parsed = requirePrice(price);
    const security = await this.securities.security(ledgerId, symbol);
    await inTransaction(this.dataSource, (manager) =>
      this.store(
        manager,
        ledgerId,
        [{ securityId: security.id, date: day, price: parsed }],
        'MANUAL',
      ),
    );
    return true;
  }

  /** Replaces the prices of each (security, day) given; answers how many were written. */
  private async store(
    manager: EntityManager,
    ledgerId: number,
    rows: { securityId: number; date: string; price: Price }[],
    source: PriceSource,
  ): Promise<number> {
    // The last row of a (security, day) wins, as it would by hand.
    const unique = new Map(rows.map((r) => [`${r.securityId}|${r.date}`, r]));
    const list = [...unique.values()];
    const now = new Date();
    for (let start = 0; start < list.length; start += 400) {
      const chunk = list.slice(start, start + 400);
      const bySecurity = new Map<number, string[]>();
      for (const r of chunk)
        bySecurity.set(r.securityId, [...(bySecurity.get(r.securityId) ?? []), r.date]);
      for (const [securityId, dates] of bySecurity) {
        await manager.delete(SecurityPrice, { securityId, date: In(dates) });
      }
      await manager.insert(
        SecurityPrice,
        chunk.map((r) => ({
          ledgerId,
          securityId: r.securityId,
          date: r.date,
          priceUnits: Number(r.price.units),
          priceScale: r.price.scale,
          source,
          updatedAt: now,
        })),
      );
    }
    return list.length;
  }

  /**
   * Prices of an uploaded CSV (see price-file.ts). `symbol` names the security of a `date;price`
   * file. Every symbol must be a security of the ledger already: a typo must not invent one.
   */
  async importUpload(
    ledgerId: number,
    userId: number,
    uploadId: string,
    symbol?: string | null,
  ): Promise<number> {
    const upload = await this.uploads.read(userId, uploadId);
    let rows: PriceRow[];
    try {
      rows = await readPriceFile(upload.content);
    } catch (error) {
      if (error instanceof PriceFileError) throw badInput('uploadId', error.message);
      throw error;
    }
    if (rows.length === 0) throw badInput('uploadId', 'The file holds no prices');
    const named = symbol ? requireSymbol(symbol) : null;
    if (rows.some((r) => r.symbol === null) && !named) {
      throw badInput('symbol', 'This file has no symbol column: name the security it prices');
    }
    return this.storeRows(ledgerId, rows, 'FILE', named);
  }

  private async storeRows(
    ledgerId: number,
    rows: PriceRow[],
    source: PriceSource,
    named: string | null = null,
  ): Promise<number> {
    const securities = new Map(
      (await this.securities.listSecurities(ledgerId)).map((s) => [s.symbol, s]),
    );
    const unknown = new Set<string>();
    const prepared: { securityId: number; date: string; price: Price }[] = [];
    for (const row of rows) {
      const symbol = (row.symbol ?? named ?? '').toUpperCase();
      const security = securities.get(symbol);
      if (!security) {
        unknown.add(symbol);
        continue;
      }
      prepared.push({
        securityId: security.id,
        date: row.date,
        price: requirePrice(row.price, 'uploadId'),
      });
    }
    if (unknown.size > 0) {
      throw badInput(
        'uploadId',
        `Unknown symbols: ${[...unknown].slice(0, 10).join(', ')}. Add a trade of each first`,
      );
    }
    return inTransaction(this.dataSource, (manager) =>
      this.store(manager, ledgerId, prepared, source),
    );
  }

  async history(
    ledgerId: number,
    symbol: unknown,
    from?: string | null,
    to?: string | null,
  ): Promise<SecurityPrice[]> {
    const security = await this.securities.security(ledgerId, symbol);
    const query = this.dataSource.manager
      .createQueryBuilder(SecurityPrice, 'p')
      .where('p.securityId = :id AND p.ledgerId = :ledgerId', { id: security.id, ledgerId });
    if (from) query.andWhere('p.date >= :from', { from: requireDay(from, 'from') });
    if (to) query.andWhere('p.date <= :to', { to: requireDay(to, 'to') });
    return query.orderBy('p.date', 'ASC').take(5000).getMany();
  }

  /** Every price of the ledger, by security, oldest first: for valuing holdings. */
  async all(
    ledgerId: number,
  ): Promise<{ securityId: number; date: string; priceUnits: number; priceScale: number }[]> {
    // Plain rows, not entities: years of daily closes are tens of thousands of them.
    const rows: {
      securityId: number | string;
      date: string | Date;
      priceUnits: number | string;
      priceScale: number | string;
    }[] = await this.dataSource.query(
      'SELECT securityId, date, priceUnits, priceScale FROM security_prices WHERE ledgerId = ?',
      [ledgerId],
    );
    return rows.map((r) => ({
      securityId: Number(r.securityId),
      date: typeof r.date === 'string' ? r.date.slice(0, 10) : r.date.toISOString().slice(0, 10),
      priceUnits: Number(r.priceUnits),
      priceScale: Number(r.priceScale),
    }));
  }

  /** Latest closes of the ledger's securities from PRICES_URL; refused when it is not set. */
  async refresh(ledgerId: number): Promise<number> {
    if (!this.pricesUrl) {
      throw new AppError(
        'BAD_USER_INPUT',
        'PRICES_URL is not set: this server does not fetch prices. Enter or import them instead.',
      );
    }
    const securities = await this.securities.listSecurities(ledgerId);
    if (securities.length === 0) return 0;
    let rows: PriceRow[];
    try {
      rows = await fetchProviderPrices(
        this.pricesUrl,
        securities.map((s) => s.symbol),
      );
    } catch (error) {
      if (error instanceof PriceProviderError) throw new AppError('BAD_USER_INPUT', error.message);
      throw error;
    }
    const known = new Set(securities.map((s) => s.symbol));
    // A provider may answer more than was asked: only the ledger's own securities are kept.
    return this.storeRows(
      ledgerId,
      rows.filter((r) => known.has((r.symbol ?? '').toUpperCase())),
      'PROVIDER',
    );
  }

  /** The daily job: every ledger that holds securities. One ledger's failure does not stop the rest. */
  async refreshAll(): Promise<void> {
    const ledgers: { ledgerId: number | string }[] = await this.dataSource
      .createQueryBuilder(Security, 's')
      .select('DISTINCT s.ledgerId', 'ledgerId')
      .getRawMany();
    const failures: unknown[] = [];
    for (const { ledgerId } of ledgers) {
      try {
        await this.refresh(Number(ledgerId));
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) throw failures[0];
  }
}
