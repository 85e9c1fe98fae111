import { MoreThan, type DataSource } from 'typeorm';
import { requireDay } from '../../lib/validate';
import {
  checked,
  inBatches,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import type { PriceSource } from './price.service';
import { SecurityPrice } from './security-price.entity';
import { Security } from './security.entity';
import type { SecurityService } from './security.service';
import { priceToString, requirePrice } from './units';

export interface SecurityPriceRecord {
  symbol: string;
  date: string;
  /** In the security's currency, as entered or imported. */
  price: string;
  source: PriceSource;
}

const SOURCES: PriceSource[] = ['MANUAL', 'FILE', 'PROVIDER'];
const RESTORE_BATCH = 500;

/** Closing prices: years of daily closes are many rows, read and written in batches. */
export function securityPricesSection(
  dataSource: DataSource,
  securities: SecurityService,
): PortableSection<SecurityPriceRecord> {
  const name = 'securityPrices';
  return {
    name,
    async *export({ ledgerId }) {
      const byId = await securities.securitiesByIds(ledgerId);
      const batches = inBatches((afterId, size) =>
        dataSource.manager.find(SecurityPrice, {
          where: { ledgerId, id: MoreThan(afterId) },
          order: { id: 'ASC' },
          take: size,
        }),
      );
      for await (const batch of batches) {
        yield batch.map((p) => ({
          symbol: byId.get(p.securityId)?.symbol ?? '',
          date: p.date,
          price: priceToString({ units: BigInt(p.priceUnits), scale: p.priceScale }),
          source: p.source as PriceSource,
        }));
      }
    },
    async restore(records, { scope, manager }) {
      const bySymbol = new Map(
        (await manager.find(Security, { where: { ledgerId: scope.ledgerId } })).map((s) => [
          s.symbol,
          s.id,
        ]),
      );
      const seen = new Set<string>();
      const now = new Date();
      for (let start = 0; start < records.length; start += RESTORE_BATCH) {
        const rows: Partial<SecurityPrice>[] = [];
        for (let index = start; index < Math.min(records.length, start + RESTORE_BATCH); index++) {
          const record = recordAt(name, records, index);
          const fail = (field: string, reason: string) =>
            new RestoreError(name, index, field, reason);
          const securityId =
            typeof record.symbol === 'string' ? bySymbol.get(record.symbol) : undefined;
          if (securityId === undefined) {
            throw fail('symbol', "names no security of the export's securities");
          }
          if (!SOURCES.includes(record.source as PriceSource)) {
            throw fail('source', `must be one of ${SOURCES.join(', ')}`);
          }
          const { date, price } = checked(name, index, record, () => ({
            date: requireDay(record.date, 'date'),
            price: requirePrice(record.price),
          }));
          if (seen.has(`${securityId}|${date}`)) throw fail('date', 'has a price of it already');
          seen.add(`${securityId}|${date}`);
          rows.push({
            ledgerId: scope.ledgerId,
            securityId,
            date,
            priceUnits: Number(price.units),
            priceScale: price.scale,
            source: record.source as PriceSource,
            updatedAt: now,
          });
        }
        await manager.insert(SecurityPrice, rows);
        // better-sqlite3 answers synchronously: let other requests in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return records.length;
    },
    csvColumns: [
      { name: 'symbol', type: 'text', value: (r) => r.symbol },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'price', type: 'number', value: (r) => r.price },
      { name: 'source', type: 'text', value: (r) => r.source },
    ],
  };
}
