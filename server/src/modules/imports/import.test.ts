import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import {
  COMMIT,
  commitAndWait,
  defaultAccountId,
  previewFile,
  STATUS,
  type ImportResultView,
} from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';
import { createServices } from '../../services';
import { ImportRecord } from './import.entity';

const TRANSACTIONS = `query($filter: TransactionFilter) {
  transactions(filter: $filter, first: 200) {
    totalCount
    nodes { date description payee amount kind category { name } }
  }
}`;

interface Listed {
  totalCount: number;
  nodes: {
    date: string;
    description: string;
    payee: string | null;
    amount: string;
    kind: string;
    category: { name: string } | null;
  }[];
}

const listed = async (client: ApiClient, accountId: string) =>
  (await client.data<{ transactions: Listed }>(TRANSACTIONS, { filter: { accountId } }))
    .transactions;

const MARCH = [
  'Date,Description,Amount',
  '2024-03-01,Coffee Corner,-3.50',
  '2024-03-01,Coffee Corner,-3.50',
  '2024-03-02,Salary ACME,2500.00',
  '2024-03-05,Rent,-1200.00',
].join('\n');

describeEachDatabase('bank-file imports', (server) => {
  test('a CSV is previewed, committed once, and importing it again adds nothing', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);

    const preview = await previewFile(client, MARCH, { accountId });
    expect(preview.format).toBe('CSV');
    expect(preview.total).toBe(4);
    expect(preview.duplicates).toBe(0);
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.date, r.description, r.amount, r.kind])).toEqual([
      [2, '2024-03-01', 'Coffee Corner', '3.50', 'EXPENSE'],
      [3, '2024-03-01', 'Coffee Corner', '3.50', 'EXPENSE'],
      [4, '2024-03-02', 'Salary ACME', '2500.00', 'INCOME'],
      [5, '2024-03-05', 'Rent', '1200.00', 'EXPENSE'],
    ]);
    // Expenses without a category from the file or a rule land in Uncategorized.
    expect(preview.rows[0].categoryName).toBe('Uncategorized');
    expect(preview.rows[2].categoryName).toBeNull();
    expect(JSON.parse(preview.mapping ?? '{}')).toMatchObject({
      date: 0,
      description: 1,
      amount: 2,
    });

    // Another preview in between: this process no longer holds the first one's rows, and the
    // commit reads the stored upload again with the stored mapping.
    await previewFile(client, 'Date,Description,Amount\n2024-04-01,Other,-1.00', { accountId });
    const result = await commitAndWait(client, preview.importId);
    expect(result).toMatchObject({
      status: 'DONE',
      imported: 4,
      skippedDuplicates: 0,
      failed: 0,
      progress: 1,
      accountId,
      from: '2024-03-01',
      to: '2024-03-05',
    });
    const rows = await listed(client, accountId);
    expect(rows.totalCount).toBe(4);
    // Two real coffees of the same price on the same day both stay.
    expect(rows.nodes.filter((n) => n.description === 'Coffee Corner')).toHaveLength(2);
    expect(rows.nodes.find((n) => n.description === 'Rent')).toMatchObject({
      amount: '1200.00',
      kind: 'EXPENSE',
      category: { name: 'Uncategorized' },
    });

    // A second commit answers the same result and writes nothing.
    const again = await client.data<{ commitImport: ImportResultView }>(COMMIT, {
      id: preview.importId,
    });
    expect(again.commitImport).toMatchObject({ status: 'DONE', imported: 4 });
    expect((await listed(client, accountId)).totalCount).toBe(4);

    // The same file again: every row is a duplicate, the commit imports nothing.
    const second = await previewFile(client, MARCH, { accountId });
    expect(second.duplicates).toBe(4);
    expect(second.rows.every((r) => r.duplicate)).toBe(true);
    expect(await commitAndWait(client, second.importId)).toMatchObject({
      status: 'DONE',
      imported: 0,
      skippedDuplicates: 4,
    });

    // An overlapping next statement: only its new rows (a third coffee is new) come in.
    const next = `${MARCH}\n2024-03-01,Coffee Corner,-3.50\n2024-03-09,Bakery,-4.20`;
    const third = await previewFile(client, next, { accountId });
    expect(third.duplicates).toBe(4);
    expect(await commitAndWait(client, third.importId)).toMatchObject({
      imported: 2,
      skippedDuplicates: 4,
    });
    expect((await listed(client, accountId)).totalCount).toBe(6);

    // Month totals stay equal to the rows: the dashboard's spending of March.
    const { dashboard } = await client.data<{ dashboard: { spent: string; income: string } }>(
      'query { dashboard(month: "2024-03") { spent income } }',
    );
    expect(dashboard).toEqual({ spent: '1214.70', income: '2500.00' });
  });

  test('rows matching transactions entered by hand are flagged, and skipped only when asked', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    await client.data('mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }', {
      input: { description: 'coffee', amount: '3.50', category: 'Food', date: '2024-03-01' },
    });
    const preview = await previewFile(client, MARCH, { accountId });
    expect(preview.likelyDuplicates).toBe(1);
    expect(preview.rows.map((r) => r.likelyDuplicate)).toEqual([true, false, false, false]);
    expect(preview.rows.every((r) => !r.duplicate)).toBe(true);
    expect(await commitAndWait(client, preview.importId, true)).toMatchObject({
      status: 'DONE',
      imported: 3,
      skippedDuplicates: 1,
    });
    expect((await listed(client, accountId)).totalCount).toBe(4);

    // Without the flag, a likely duplicate is imported: never dropped silently.
    const other = await client.data<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Card", type: CREDIT_CARD, currency: "USD" }) { id } }',
    );
    const cardId = other.createAccount.id;
    await client.data('mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }', {
      input: {
        description: 'rent',
        amount: '1200',
        category: 'Home',
        date: '2024-03-05',
        accountId: cardId,
      },
    });
    const onCard = await previewFile(client, MARCH, { accountId: cardId });
    expect(onCard.likelyDuplicates).toBe(1);
    expect(await commitAndWait(client, onCard.importId)).toMatchObject({ imported: 4 });
    expect((await listed(client, cardId)).totalCount).toBe(5);
  });

  test("the account's CSV mapping is saved on commit and offered for the next file", async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const file = (rows: string[]) => ['Buchungstag;Text;Ref;Betrag', ...rows].join('\n');
    const mapping = {
      date: 0,
      description: 1,
      amount: 3,
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      delimiter: ';',
    };
    const first = await previewFile(
      client,
      file(['01.03.2024;Bäckerei;X1;-4,20', '02.03.2024;Gehalt;X2;1.234,56']),
      { accountId, mapping },
    );
    expect(first.errors).toEqual([]);
    expect(first.rows.map((r) => [r.date, r.amount, r.kind])).toEqual([
      ['2024-03-01', '4.20', 'EXPENSE'],
      ['2024-03-02', '1234.56', 'INCOME'],
    ]);
    expect(first.savedMapping).toBe(false);
    await commitAndWait(client, first.importId);

    const next = await previewFile(client, file(['03.04.2024;Kiosk;X3;-2,00']), { accountId });
    expect(next.savedMapping).toBe(true);
    expect(next.errors).toEqual([]);
    expect(next.rows.map((r) => [r.date, r.description, r.amount])).toEqual([
      ['2024-04-03', 'Kiosk', '2.00'],
    ]);
  });

  test('bad files are clear errors with line and field, and nothing is imported', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const cases: { content: string; format?: string; line: number; field: string }[] = [
      // Not what it claims: a CSV sent as OFX.
      { content: MARCH, format: 'OFX', line: 1, field: 'format' },
      { content: 'Date,Description,Amount\n2024-02-30,Ghost day,-1.00', line: 2, field: 'date' },
      {
        content: 'Date,Description,Amount\n2024-02-03,Bad amount,"1.234,5,6"',
        line: 2,
        field: 'amount',
      },
    ];
    for (const bad of cases) {
      const preview = await previewFile(client, bad.content, {
        accountId,
        ...(bad.format ? { format: bad.format } : {}),
      });
      expect(preview.errors.length).toBeGreaterThan(0);
      expect(preview.errors[0]).toMatchObject({ line: bad.line, field: bad.field });
      expect(preview.errors[0].message.length).toBeGreaterThan(10);
      const result = await commitAndWait(client, preview.importId);
      expect(result.status).toBe('FAILED');
      expect(result.imported).toBe(0);
      expect(result.errors[0]).toMatchObject({ line: bad.line, field: bad.field });
    }
    // A file with one column has no amount to read.
    const single = await previewFile(client, 'Name\nAlice\nBob', { accountId });
    expect(single.errors.length).toBeGreaterThan(0);
    expect((await commitAndWait(client, single.importId)).status).toBe('FAILED');

    expect((await listed(client, accountId)).totalCount).toBe(0);
    const health = await fetch(`${server().url}/healthz`);
    expect(health.status).toBe(200);
  });

  test('a commit the ledger refuses is FAILED with the row errors and writes nothing', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const preview = await previewFile(client, MARCH, { accountId });
    // The account is archived between preview and commit: the ledger refuses each row.
    await client.data('mutation($id: ID!) { archiveAccount(id: $id) { id } }', { id: accountId });
    const result = await commitAndWait(client, preview.importId);
    expect(result.status).toBe('FAILED');
    expect(result.imported).toBe(0);
    expect(result.errors[0]).toMatchObject({ line: 2, field: 'accountId' });
    expect(result.errors[0].message).toMatch(/archived/);
    const rows: { n: number | string }[] = await server().dataSource.query(
      'SELECT COUNT(*) AS n FROM transactions WHERE accountId = ?',
      [Number(accountId)],
    );
    const keys: { n: number | string }[] = await server().dataSource.query(
      'SELECT COUNT(*) AS n FROM import_keys WHERE accountId = ?',
      [Number(accountId)],
    );
    expect(Number(keys[0].n)).toBe(0);
    expect(Number(rows[0].n)).toBe(0);
  });

  test("another user's import is not found", async () => {
    const owner = server().client();
    await signUp(owner);
    const preview = await previewFile(owner, MARCH, { accountId: await defaultAccountId(owner) });
    const stranger = server().client();
    await signUp(stranger);
    for (const query of [STATUS, COMMIT]) {
      const answer = await stranger.gql(query, { id: preview.importId });
      expect(answer.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const { importStatus } = await owner.data<{ importStatus: ImportResultView }>(STATUS, {
      id: preview.importId,
    });
    expect(importStatus.status).toBe('PREVIEWED');
  });
});

describeEachDatabase('an import commit whose instance died', (server) => {
  test('is taken up by the job runner once its lease lapses, and written once', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const preview = await previewFile(client, MARCH, { accountId });
    // What a claim leaves when its process dies before writing: RUNNING under a lease.
    const imports = server().dataSource.getRepository(ImportRecord);
    const id = Number(preview.importId);
    await imports.update({ id }, { status: 'RUNNING', lockedUntil: new Date(Date.now() + 60_000) });
    const { jobRunner } = createServices(server().dataSource, server().config);
    await jobRunner.tick(new Date());
    expect((await listed(client, accountId)).totalCount).toBe(0);

    // The lease runs out (its holder is gone): the next tick commits the import.
    await imports.update({ id }, { lockedUntil: new Date(Date.now() - 1000) });
    await jobRunner.tick(new Date(Date.now() + 60_000));
    const status = async () =>
      (await client.data<{ importStatus: ImportResultView }>(STATUS, { id: preview.importId }))
        .importStatus;
    expect(await status()).toMatchObject({ status: 'DONE', imported: 4, progress: 1 });
    expect((await listed(client, accountId)).totalCount).toBe(4);
    await jobRunner.tick(new Date(Date.now() + 120_000));
    expect((await listed(client, accountId)).totalCount).toBe(4);
  });
});
