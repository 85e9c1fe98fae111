import type { DataSource } from 'typeorm';
import { testDrivers } from '../../test/databases';
import { createTestDatabase, type TestDatabase } from '../../test/test-server';
import { loadRows, lockParents, withoutForeignKeyChecks } from './bulk-load';
import { createDataSource } from './data-source';
import { inTransaction, isUniqueViolation } from './transaction';

const COLUMNS = ['parentId', 'note', 'amount', 'at'] as const;

/** Text that LOAD DATA's format would misread unescaped, and text that merely looks escaped. */
const AWKWARD = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  'nul\0byte',
  '\\N',
  'quotes \' " `',
  'Café 🧾 東京',
  '',
];

describe.each(testDrivers())('bulk loads [%s]', (driver) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    dataSource = createDataSource(database.config.db);
    await dataSource.initialize();
    if (driver === 'mysql') {
      await dataSource.query('CREATE TABLE bulk_parent (id int PRIMARY KEY)');
      await dataSource.query(
        'CREATE TABLE bulk_child (id int AUTO_INCREMENT PRIMARY KEY, parentId int NOT NULL, ' +
          'note varchar(20) NULL, amount bigint NOT NULL, at datetime NOT NULL, ' +
          'UNIQUE KEY uq_note (parentId, note), ' +
          'CONSTRAINT fk_parent FOREIGN KEY (parentId) REFERENCES bulk_parent (id))',
      );
      await dataSource.query('INSERT INTO bulk_parent (id) VALUES (1), (2)');
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  if (driver === 'sqlite') {
    test('SQLite answers null: the caller INSERTs', async () => {
      await dataSource.query('CREATE TABLE bulk_child (id integer PRIMARY KEY, note text)');
      const loaded = await inTransaction(dataSource, (manager) =>
        loadRows(manager, 'bulk_child', ['note'], [['a']]),
      );
      expect(loaded).toBeNull();
      expect(await dataSource.query('SELECT COUNT(*) AS n FROM bulk_child')).toEqual([{ n: 0 }]);
    });
    return;
  }

  test('every value arrives as it was, in order, with consecutive ids after the first', async () => {
    await dataSource.query(
      "INSERT INTO bulk_child (parentId, note, amount, at) VALUES (2, 'before', 1, NOW())",
    );
    const at = new Date(Date.UTC(2026, 11, 1, 7, 30, 15));
    const rows = [
      ...AWKWARD.map((note, i) => [1, note, 9_007_199_254_740_993n + BigInt(i), at]),
      [1, null, -42, at],
    ] as [number, string | null, bigint | number, Date][];
    const loaded = await inTransaction(dataSource, (manager) =>
      loadRows(manager, 'bulk_child', COLUMNS, rows),
    );
    const read: { id: number; note: string | null; amount: string; at: Date }[] =
      await dataSource.query(
        'SELECT id, note, amount, at FROM bulk_child WHERE parentId = 1 ORDER BY id',
      );
    expect(read.map((r) => r.note)).toEqual([...AWKWARD, null]);
    expect(read.map((r) => String(r.amount))).toEqual(rows.map((r) => String(r[2])));
    expect(read.every((r) => r.at.getTime() === at.getTime())).toBe(true);
    expect(loaded?.firstId).toBe(read[0].id);
    expect(read.map((r) => r.id - read[0].id)).toEqual(rows.map((_, i) => i));
  });

  test('a duplicate key fails as the unique violation an INSERT raises, and rolls back', async () => {
    const attempt = inTransaction(dataSource, (manager) =>
      loadRows(manager, 'bulk_child', COLUMNS, [
        [2, 'fresh', 1, new Date()],
        [2, 'before', 1, new Date()],
      ]),
    );
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(String(error)).toMatch(/wrote 1 of 2 rows: Duplicate entry/);
    const fresh: unknown[] = await dataSource.query(
      "SELECT id FROM bulk_child WHERE note = 'fresh'",
    );
    expect(fresh).toEqual([]);
  });

  test('a value the column cannot hold fails instead of being cut (LOCAL makes it a warning)', async () => {
    const error = await inTransaction(dataSource, (manager) =>
      loadRows(manager, 'bulk_child', COLUMNS, [[2, 'x'.repeat(21), 1, new Date()]]),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/LOAD DATA into bulk_child wrote 1 of 1 rows: Data truncated/);
    const cut: unknown[] = await dataSource.query(
      "SELECT id FROM bulk_child WHERE note LIKE 'xxxx%'",
    );
    expect(cut).toEqual([]);
  });

  test('the server gets only what was staged: any other file it names reads as empty', async () => {
    const answer: { affectedRows: number } = await dataSource.query(
      "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE bulk_child (note)",
    );
    expect(answer.affectedRows).toBe(0);
    const rows: { n: number | string }[] = await dataSource.query(
      'SELECT COUNT(*) AS n FROM bulk_child',
    );
    expect(Number(rows[0].n)).toBe(AWKWARD.length + 2);
  });

  test('foreign-key checks come back on, also when the work fails; missing parents are refused', async () => {
    const checks = async (manager: Pick<DataSource, 'query'>) =>
      Number(
        ((await manager.query('SELECT @@SESSION.foreign_key_checks AS v')) as { v: number }[])[0].v,
      );
    await inTransaction(dataSource, async (manager) => {
      const inside = await withoutForeignKeyChecks(manager, () => checks(manager));
      expect(inside).toBe(0);
      await expect(
        withoutForeignKeyChecks(manager, () => Promise.reject(new Error('boom'))),
      ).rejects.toThrow('boom');
      expect(await checks(manager)).toBe(1);
      await expect(lockParents(manager, 'bulk_parent', [1, 2, 2])).resolves.toBeUndefined();
      await expect(lockParents(manager, 'bulk_parent', [1, 3])).rejects.toThrow(
        /A row of bulk_parent referred to by the rows being written is gone/,
      );
    });
  });
});
