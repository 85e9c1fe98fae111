import { latencyFiguresDuring } from '../../../../test/latency';
import { parseStatementInWorker } from './index';

/** A bank CSV of `count` rows, German style: semicolons, DD.MM.YYYY, decimal comma. */
function bigCsv(count: number): Buffer {
  const lines = ['Buchungstag;Verwendungszweck;Betrag'];
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const cents = String(i % 100).padStart(2, '0');
    lines.push(`${day}.${month}.2024;Kartenzahlung Filiale ${i};-${i % 1000},${cents}`);
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('parseStatementInWorker', () => {
  it('parses 100,000 rows off the main thread with progress, the event loop ticking', async () => {
    const data = bigCsv(100_000);
    const gaps: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 10);
    const progress: number[] = [];
    const started = performance.now();
    try {
      const statement = await parseStatementInWorker(data, 'AUTO', null, (p) =>
        progress.push(p.fraction),
      );
      const took = performance.now() - started;
      expect(statement.errors).toEqual([]);
      expect(statement.rows).toHaveLength(100_000);
      expect(statement.rows[0]).toEqual({
        line: 2,
        date: '2024-01-01',
        amount: '0',
        currency: null,
        description: 'Kartenzahlung Filiale 0',
        payee: null,
        category: null,
        bankId: null,
      });
      expect(statement.rows[99_999]).toMatchObject({
        line: 100_001,
        date: '2024-08-12',
        amount: '-999.99',
      });
      expect(statement.csv?.mapping).toMatchObject({ delimiter: ';', dateFormat: 'DD.MM.YYYY' });
      // Progress arrives while parsing, increasing, and ends at 1.
      expect(progress.length).toBeGreaterThan(10);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress[progress.length - 1]).toBe(1);
      expect(latencyFiguresDuring(gaps, took)).toMatchObject({ p95Under: true, maxUnder: true });
      expect(gaps.length).toBeGreaterThan(5);
      console.log(
        `100,000 CSV rows in the worker: ${Math.round(took)} ms, longest event-loop gap ` +
          `${Math.round(Math.max(...gaps))} ms over ${gaps.length} ticks`,
      );
    } finally {
      clearInterval(ticker);
    }
  }, 60_000);

  it('gives the same statement as the inline parser for a bad file', async () => {
    const statement = await parseStatementInWorker(Buffer.from('%PDF-1.4\n'), 'AUTO');
    expect(statement.rows).toEqual([]);
    expect(statement.errors).toEqual([
      { line: 1, field: 'format', message: expect.stringMatching(/PDF/) },
    ]);
  });
});
