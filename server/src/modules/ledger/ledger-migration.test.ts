import { DataSource } from 'typeorm';
import { testDrivers } from '../../../test/databases';
import { createTestDatabase, startTestServer } from '../../../test/test-server';
import { dataSourceOptions } from '../../db/data-source';
import { migrations } from '../../db/migrations';
import { Ledgers1764700000000 } from '../../db/migrations/1764700000000-ledgers';

/**
 * The ledger migrations on a database that already holds users, expenses, budgets and targets:
 * every user gets a ledger and a main account in their currency, every expense becomes an
 * EXPENSE transaction with its id, and every sum is unchanged.
 */
const before = migrations.slice(0, migrations.indexOf(Ledgers1764700000000));

describe.each(testDrivers())('the ledger migration keeps existing data [%s]', (driver) => {
  test('nothing lost, sums and ids unchanged', async () => {
    const database = await createTestDatabase(driver);
    try {
      const old = new DataSource({
        ...dataSourceOptions(database.config.db),
        entities: [],
        migrations: before,
      });
      await old.initialize();
      await old.runMigrations();
      const stamp = '2024-01-01 00:00:00';
      for (const [id, currency] of [
        [1, 'USD'],
        [2, 'JPY'],
      ] as const) {
        await old.query(
          'INSERT INTO users (id, firstname, lastname, email, emailKey, username, usernameKey, ' +
            "passwordHash, currency, createdAt, updatedAt) VALUES (?, 'A', 'B', ?, ?, ?, ?, 'x', ?, ?, ?)",
          [
            id,
            `u${id}@example.com`,
            `u${id}@example.com`,
            `u${id}`,
            `u${id}`,
            currency,
            stamp,
            stamp,
          ],
        );
        await old.query(
          'INSERT INTO categories (id, userId, name, nameKey, createdAt) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
          [id * 10, id, 'Food', 'food', stamp, id * 10 + 1, id, 'Rent', 'rent', stamp],
        );
        await old.query(
          'INSERT INTO budgets (userId, month, amountMinor, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)',
          [id, '2024-02', 50000, stamp, stamp],
        );
        await old.query(
          'INSERT INTO budget_categories (userId, categoryId, targetMonth, targetAmountMinor, createdAt, updatedAt) ' +
            'VALUES (?, ?, ?, ?, ?, ?)',
          [id, id * 10, '2024-02', 20000, stamp, stamp],
        );
      }
      const expenses = [
        [101, 1, 'Bread', 250, 10, '2024-02-01'],
        [102, 1, 'Flat', 120000, 11, '2024-02-03'],
        [103, 1, 'Milk', 99, 10, '2024-03-31'],
        [104, 2, 'Ramen', 1200, 20, '2024-02-10'],
      ];
      for (const [id, userId, description, amount, categoryId, date] of expenses) {
        await old.query(
          'INSERT INTO expenses (id, userId, description, amountMinor, categoryId, date, createdAt, updatedAt) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [id, userId, description, amount, categoryId, date, stamp, stamp],
        );
      }
      await old.query(
        'INSERT INTO expense_month_totals (userId, month, categoryId, amountMinor, expenseCount) ' +
          'SELECT userId, SUBSTR(date, 1, 7), categoryId, SUM(amountMinor), COUNT(*) FROM expenses ' +
          'GROUP BY userId, SUBSTR(date, 1, 7), categoryId',
      );
      await old.destroy();

      const server = await startTestServer(database);
      try {
        const db = server.dataSource;
        const accounts: {
          ledgerId: number;
          name: string;
          currency: string;
          personalUserId: number;
        }[] = await db.query(
          'SELECT a.ledgerId AS ledgerId, a.name AS name, a.currency AS currency, l.personalUserId AS personalUserId ' +
            'FROM accounts a INNER JOIN ledgers l ON l.id = a.ledgerId ORDER BY l.personalUserId',
        );
        expect(accounts.map((a) => [Number(a.personalUserId), a.name, a.currency])).toEqual([
          [1, 'Main account', 'USD'],
          [2, 'Main account', 'JPY'],
        ]);
        const moved: Record<string, unknown>[] = await db.query(
          'SELECT t.id AS id, l.personalUserId AS userId, t.kind AS kind, t.description AS description, ' +
            'CAST(t.amountMinor AS CHAR) AS amount, CAST(t.reportingAmountMinor AS CHAR) AS reporting, ' +
            't.categoryId AS categoryId, t.date AS date FROM transactions t ' +
            'INNER JOIN ledgers l ON l.id = t.ledgerId ORDER BY t.id',
        );
        expect(
          moved.map((t) => [
            Number(t.id),
            Number(t.userId),
            t.kind,
            t.description,
            Number(t.amount),
            Number(t.reporting),
            Number(t.categoryId),
            t.date,
          ]),
        ).toEqual(expenses.map(([id, u, d, a, c, date]) => [id, u, 'EXPENSE', d, a, a, c, date]));
        const totals: Record<string, unknown>[] = await db.query(
          'SELECT month, categoryId, CAST(reportingMinor AS CHAR) AS spent, transactionCount AS n ' +
            "FROM ledger_month_totals WHERE flow = 'EXPENSE' ORDER BY ledgerId, month, categoryId",
        );
        expect(totals.map((r) => [r.month, Number(r.categoryId), r.spent, Number(r.n)])).toEqual([
          ['2024-02', 10, '250', 1],
          ['2024-02', 11, '120000', 1],
          ['2024-03', 10, '99', 1],
          ['2024-02', 20, '1200', 1],
        ]);
        const scoped: Record<string, unknown>[] = await db.query(
          'SELECT b.ledgerId AS budgetLedger, c.ledgerId AS categoryLedger, t.ledgerId AS targetLedger, ' +
            'l.personalUserId AS userId FROM budgets b INNER JOIN ledgers l ON l.id = b.ledgerId ' +
            'INNER JOIN categories c ON c.userId = l.personalUserId ' +
            'INNER JOIN budget_categories t ON t.userId = l.personalUserId ORDER BY l.personalUserId',
        );
        for (const row of scoped) {
          expect(row.categoryLedger).toEqual(row.budgetLedger);
          expect(row.targetLedger).toEqual(row.budgetLedger);
        }
        // A new expense continues the ids after the moved ones.
        const inserted: { id: number | string }[] = await db.query(
          'SELECT MAX(id) AS id FROM transactions',
        );
        expect(Number(inserted[0].id)).toBe(104);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
