import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describeEachDatabase } from '../../../test/test-server';
import { signUp } from '../../../test/factories';
import { EXPENSE_COLUMNS, expenseValues, personalLedger } from '../../../test/seed';
import { download, normalise, restore } from '../../../test/exports';
import { rebuildMonthTotals } from '../ledger/month-totals';

const ROWS = 4000;
const PLACEHOLDERS = `(${EXPENSE_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;

describeEachDatabase('export and restore of a large ledger', (server) => {
  it(`streams ${ROWS} transactions as valid JSON and restores them all`, async () => {
    const source = server().client();
    const user = await signUp(source, { currency: 'EUR' });
    const { dataSource } = server();
    const ledger = await personalLedger(dataSource, Number(user.id));
    const [category] = (await dataSource.query(
      'SELECT id FROM categories WHERE ledgerId = ? AND nameKey = ?',
      [ledger.ledgerId, 'food'],
    )) as { id: number }[];
    const rows: unknown[][] = [];
    for (let i = 0; i < ROWS; i++) {
      const date = `202${i % 4}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      rows.push(expenseValues(ledger, `Seeded "${i}"`, 100 + i, Number(category.id), date, date));
    }
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      await dataSource.query(
        `INSERT INTO transactions (${EXPENSE_COLUMNS}) VALUES ${chunk.map(() => PLACEHOLDERS).join(', ')}`,
        chunk.flat(),
      );
    }
    await rebuildMonthTotals(dataSource.manager, ledger.ledgerId);
    // Each as a bank import leaves it: with the key that keeps a re-import from writing it again.
    const written = (await dataSource.query(
      'SELECT id FROM transactions WHERE ledgerId = ? ORDER BY id',
      [ledger.ledgerId],
    )) as { id: number }[];
    for (let start = 0; start < written.length; start += 500) {
      const chunk = written.slice(start, start + 500);
      await dataSource.query(
        'INSERT INTO import_keys (ledgerId, accountId, `key`, transactionId, importId) VALUES ' +
          chunk.map(() => '(?, ?, ?, ?, NULL)').join(', '),
        chunk.flatMap((t) => [
          ledger.ledgerId,
          ledger.accountId,
          createHash('sha256').update(String(t.id)).digest('hex').slice(0, 32),
          t.id,
        ]),
      );
    }

    let started = performance.now();
    const answer = await download(source, 'json');
    const exportMs = performance.now() - started;
    expect(answer.status).toBe(200);
    const document = JSON.parse(answer.body.toString('utf8')) as Record<string, any>;
    expect(document.transactions).toHaveLength(ROWS);
    expect(document.transactions[ROWS - 1].amount).toBe(((100 + ROWS - 1) / 100).toFixed(2));
    expect(document.importKeys).toHaveLength(ROWS);

    const target = server().client();
    await signUp(target, { currency: 'EUR' });
    // /healthz is asked throughout the restore: the longest answer is reported.
    let restoring = true;
    let slowestHealthMs = 0;
    const health = (async () => {
      while (restoring) {
        const asked = performance.now();
        await fetch(`${server().url}/healthz`);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    started = performance.now();
    const restored = await restore(target, document);
    const restoreMs = performance.now() - started;
    restoring = false;
    await health;
    expect(restored.errors).toBeUndefined();
    expect(restored.data?.importLedger.imported).toBe(
      2 * ROWS + document.categories.length + document.accounts.length,
    );
    const again = await download(target, 'json');
    expect(normalise(JSON.parse(again.body.toString('utf8')))).toEqual(normalise(document));
    const { dashboard } = await target.data('{ dashboard(month: "2023-12") { spent } }');
    const expected = document.transactions
      .filter((t: { date: string }) => t.date.startsWith('2023-12'))
      .reduce((sum: bigint, t: { amount: string }) => sum + BigInt(t.amount.replace('.', '')), 0n);
    expect(dashboard.spent).toBe(`${expected / 100n}.${String(expected % 100n).padStart(2, '0')}`);
    console.log(
      `[${server().driver}] ${ROWS} transactions and their import keys: export ${Math.round(exportMs)} ms ` +
        `(${answer.body.length} bytes), restore ${Math.round(restoreMs)} ms, ` +
        `slowest /healthz during the restore ${Math.round(slowestHealthMs)} ms`,
    );
  }, 120_000);
});
