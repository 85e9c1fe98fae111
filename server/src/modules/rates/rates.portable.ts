import type { DataSource, EntityManager } from 'typeorm';
import { isCurrencyCode } from '../../lib/currencies';
import { normalizeRate } from '../../lib/exchange';
import { requireDay } from '../../lib/validate';
import {
  checked,
  inBatches,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import { ExchangeRate } from './exchange-rate.entity';

export interface ExchangeRateRecord {
  from: string;
  to: string;
  date: string;
  rate: string;
  source: string;
}

const SOURCES = ['MANUAL', 'ECB', 'PROVIDER'];
const INSERT_ROWS = 500;

/** The ledger's own exchange rates, entered, imported or fetched, with where each came from. */
export function exchangeRatesSection(dataSource: DataSource): PortableSection<ExchangeRateRecord> {
  const name = 'exchangeRates';
  return {
    name,
    async *export({ ledgerId }) {
      // Years of ECB history are tens of thousands of rows: read in batches.
      const batches = inBatches((afterId, size) =>
        dataSource.manager
          .getRepository(ExchangeRate)
          .createQueryBuilder('r')
          .where('r.ledgerId = :ledgerId AND r.id > :afterId', { ledgerId, afterId })
          .orderBy('r.id', 'ASC')
          .take(size)
          .getMany(),
      );
      for await (const batch of batches) {
        yield batch.map((r) => ({
          from: r.base,
          to: r.quote,
          date: String(r.date).slice(0, 10),
          rate: r.rate,
          source: r.source,
        }));
      }
    },
    holdsData: async (ledgerId: number, manager: EntityManager) =>
      (await manager.count(ExchangeRate, { where: { ledgerId }, take: 1 })) > 0,
    async restore(records, { scope, manager }) {
      const seen = new Set<string>();
      const rows = records.map((_, index) => {
        const record = recordAt(name, records, index);
        const currency = (field: 'from' | 'to') => {
          const value = record[field];
          if (typeof value !== 'string' || !isCurrencyCode(value)) {
            throw new RestoreError(name, index, field, 'must be an ISO 4217 code such as EUR');
          }
          return value;
        };
        const base = currency('from');
        const quote = currency('to');
        if (base === quote) throw new RestoreError(name, index, 'to', 'must differ from "from"');
        const date = checked(name, index, record, () => requireDay(record.date, 'date'));
        const rate = typeof record.rate === 'string' ? normalizeRate(record.rate) : null;
        if (!rate) {
          throw new RestoreError(name, index, 'rate', 'must be a positive decimal such as 1.0825');
        }
        if (typeof record.source !== 'string' || !SOURCES.includes(record.source)) {
          throw new RestoreError(name, index, 'source', `must be one of ${SOURCES.join(', ')}`);
        }
        const key = `${base}|${quote}|${date}`;
        if (seen.has(key)) {
          throw new RestoreError(
            name,
            index,
            'date',
            `${base}->${quote} on ${date} is listed twice`,
          );
        }
        seen.add(key);
        return { base, quote, date, rate, source: record.source };
      });
      const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
      for (let i = 0; i < rows.length; i += INSERT_ROWS) {
        const chunk = rows.slice(i, i + INSERT_ROWS);
        await manager.query(
          'INSERT INTO exchange_rates (ledgerId, base, quote, date, rate, source, updatedAt) VALUES ' +
            chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', '),
          chunk.flatMap((r) => [scope.ledgerId, r.base, r.quote, r.date, r.rate, r.source, now]),
        );
      }
      return rows.length;
    },
    csvColumns: [
      { name: 'from', type: 'text', value: (r) => r.from },
      { name: 'to', type: 'text', value: (r) => r.to },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'rate', type: 'number', value: (r) => r.rate },
      { name: 'source', type: 'text', value: (r) => r.source },
    ],
  };
}
