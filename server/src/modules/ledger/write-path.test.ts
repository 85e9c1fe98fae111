import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { inTransaction } from '../../db/transaction';
import { createServices } from '../../services';
import { User } from '../users/user.entity';
import { TransactionKind } from './transaction.entity';

/**
 * The one write path as later writers (imports, recurring posts, receipts) use it: a batch of
 * drafts inside the caller's database transaction, with errors per row instead of one failure.
 */
describeEachDatabase('the ledger write path', (server) => {
  async function setUp() {
    const client = server().client();
    const { id } = await signUp(client);
    const services = createServices(server().dataSource, server().config);
    const user = await server()
      .dataSource.getRepository(User)
      .findOneByOrFail({ id: Number(id) });
    const scope = await services.ledgers.scope(user, null, 'write');
    return { client, services, scope };
  }
  const draft = (description: string, amount: string) => ({
    kind: TransactionKind.EXPENSE,
    description,
    amount,
    category: 'Food',
    date: '2024-04-01',
  });
  const spent = async (client: ReturnType<ReturnType<typeof server>['client']>) =>
    (await client.data('{ dashboard(month: "2024-04") { spent } expenses { totalCount } }')) as {
      dashboard: { spent: string };
      expenses: { totalCount: number };
    };

  test("'collect' writes the good drafts and names each bad one by its position and field", async () => {
    const { client, services, scope } = await setUp();
    const result = await inTransaction(server().dataSource, (manager) =>
      services.transactions.record(
        scope,
        [
          draft('Bread', '2.50'),
          draft('Too precise', '1.234'),
          draft('Milk', '1'),
          { ...draft('No kind', '1'), kind: 'GIFT' },
        ],
        { manager, errors: 'collect' },
      ),
    );
    expect(result.written.map((t) => t.description)).toEqual(['Bread', 'Milk']);
    expect(result.errors.map((e) => [e.index, e.error.code, e.error.field])).toEqual([
      [1, 'BAD_USER_INPUT', 'amount'],
      [3, 'BAD_USER_INPUT', 'kind'],
    ]);
    expect(await spent(client)).toEqual({
      dashboard: { spent: '3.50' },
      expenses: { totalCount: 2 },
    });
  });

  test("the caller's transaction decides: rolled back, nothing of the batch remains", async () => {
    const { client, services, scope } = await setUp();
    await expect(
      inTransaction(server().dataSource, async (manager) => {
        const { written } = await services.transactions.record(
          scope,
          [draft('Bread', '2.50'), draft('Milk', '1')],
          { manager },
        );
        expect(written).toHaveLength(2);
        throw new Error('the import failed half-way');
      }),
    ).rejects.toThrow('the import failed half-way');
    expect(await spent(client)).toEqual({
      dashboard: { spent: '0.00' },
      expenses: { totalCount: 0 },
    });
  });

  test("'throw' (the default) fails the batch on its first bad draft", async () => {
    const { client, services, scope } = await setUp();
    await expect(
      services.transactions.record(scope, [draft('Bread', '2.50'), draft('Bad', '-1')]),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(await spent(client)).toEqual({
      dashboard: { spent: '0.00' },
      expenses: { totalCount: 0 },
    });
  });

  test('an expense may omit its category only when the writer says so: the categorizer picks, else "Uncategorized"', async () => {
    const { services, scope } = await setUp();
    const { category: _omitted, ...noCategory } = draft('Corner shop', '4');
    void _omitted;
    await expect(services.transactions.record(scope, [noCategory])).rejects.toMatchObject({
      field: 'category',
    });
    const asked: string[][] = [];
    services.transactions.setCategorizer({
      categorize: (_ledgerId, rows) => {
        asked.push(rows.map((r) => `${r.kind} ${r.description} ${r.amountMinor}`));
        return Promise.resolve(rows.map((r) => (r.description === 'Salary' ? 'Pay' : null)));
      },
    });
    const { written } = await services.transactions.record(scope, [
      { ...noCategory, mayOmitCategory: true },
      { ...noCategory, description: 'Salary', kind: TransactionKind.INCOME, amount: '900' },
      { ...noCategory, description: 'Gift', kind: TransactionKind.INCOME },
      draft('Bread', '2.50'),
    ]);
    expect(asked).toEqual([['EXPENSE Corner shop 400', 'INCOME Salary 90000', 'INCOME Gift 400']]);
    expect(written.map((t) => [t.description, t.category?.name ?? null])).toEqual([
      ['Corner shop', 'Uncategorized'],
      ['Salary', 'Pay'],
      ['Gift', null],
      ['Bread', 'Food'],
    ]);
  });

  test('recordChunks writes chunk by chunk, in order, preparing the next chunk while one is written', async () => {
    const { client, services, scope } = await setUp();
    const asked: string[] = [];
    const batches = new Set<object | undefined>();
    let secondAsked = () => undefined as void;
    const secondPrepared = new Promise<void>((resolve) => (secondAsked = resolve));
    services.transactions.setCategorizer({
      categorize: (_ledgerId, rows, _manager, batch) => {
        batches.add(batch);
        asked.push(rows.map((r) => r.description).join(' '));
        if (asked.length === 2) secondAsked();
        return Promise.resolve(rows.map(() => null));
      },
    });
    const open = (description: string, amount: string) => {
      const { category: _omitted, ...rest } = draft(description, amount);
      void _omitted;
      return { ...rest, mayOmitCategory: true };
    };
    const handed: string[][] = [];
    await inTransaction(server().dataSource, (manager) =>
      services.transactions.recordChunks(
        scope,
        [
          [open('Bread', '1'), open('Milk', '2')],
          [open('Too precise', '1.234'), open('Tea', '3')],
          [open('Jam', '4')],
        ],
        { manager, errors: 'collect' },
        async ({ written, errors }) => {
          handed.push([
            ...written.map((t) => `${t.description} ${t.category?.name}`),
            ...errors.map((e) => `#${e.index} ${e.error.field}`),
          ]);
          // Taken in turns, the second chunk would be prepared only after this returns.
          if (handed.length === 1) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([
              secondPrepared,
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error('the second chunk waited')), 5000);
              }),
            ]).finally(() => clearTimeout(timer));
          }
        },
      ),
    );
    expect(handed).toEqual([
      ['Bread Uncategorized', 'Milk Uncategorized'],
      ['Tea Uncategorized', '#0 amount'],
      ['Jam Uncategorized'],
    ]);
    expect(asked).toEqual(['Bread Milk', 'Tea', 'Jam']);
    // One batch object for all chunks: the categorizer may read its rules once.
    expect(batches.size).toBe(1);
    expect([...batches][0]).toBeInstanceOf(Object);
    expect(await spent(client)).toEqual({
      dashboard: { spent: '10.00' },
      expenses: { totalCount: 4 },
    });
  });

  test('recordChunks: a chunk failing fails the whole; the rollback leaves no chunk behind', async () => {
    const { client, services, scope } = await setUp();
    const chunks = [[draft('Bread', '1')], [draft('Milk', '2')], [draft('Tea', '3')]];
    let handed = 0;
    await expect(
      inTransaction(server().dataSource, (manager) =>
        services.transactions.recordChunks(scope, chunks, { manager }, async () => {
          handed += 1;
          if (handed === 2) throw new Error('the import failed half-way');
        }),
      ),
    ).rejects.toThrow('the import failed half-way');
    expect(handed).toBe(2);
    expect(await spent(client)).toEqual({
      dashboard: { spent: '0.00' },
      expenses: { totalCount: 0 },
    });
  });
});
