import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { seedRichUser } from '../../../test/export-fixture';
import { CARD_OFX, SAVINGS_CSV } from '../../../test/export-records';
import { download, exportJson, normalise, readCsv, restore } from '../../../test/exports';
import { unzipSync } from 'fflate';
import { commitAndWait, previewFile } from '../../../test/imports';
import { personalLedger } from '../../../test/seed';
import { describeEachDatabase } from '../../../test/test-server';
import { createLedger } from '../../../test/households';
import { upload } from '../../../test/uploads';
import { createServices, type Services } from '../../services';

/** The sections export version 2 added (docs/export-format.md). */
const VERSION_2_SECTIONS = ['importAccounts', 'importKeys', 'taxMarks', 'savedReports', 'webhooks'];

const accountIdByName = async (client: ApiClient, name: string): Promise<string> => {
  const { accounts } = await client.data<{ accounts: { id: string; name: string }[] }>(
    '{ accounts { id name } }',
  );
  const found = accounts.find((a) => a.name === name);
  if (!found) throw new Error(`No account ${name}`);
  return found.id;
};

describeEachDatabase('export and restore of every record a user owns', (server) => {
  let source: ApiClient;
  let document: Record<string, any>;
  let target: ApiClient;
  let targetUserId: string;
  let targetEmail: string;
  let services: Services;
  afterAll(() => services.receiptIntake.close());

  beforeAll(async () => {
    source = server().client();
    services = createServices(server().dataSource, server().config);
    await seedRichUser(source, async (ids) => {
      for (const id of ids) await services.receiptIntake.read(Number(id));
    });
    // As the monthly mail job leaves it once it mailed March.
    await server().dataSource.query(
      "UPDATE saved_reports SET lastSentPeriod = '2024-03' WHERE name = 'Card spending'",
    );
    // As ten failed deliveries in a row leave it.
    await server().dataSource.query(
      "UPDATE webhook_endpoints SET active = 0 WHERE url LIKE 'https://example.org/%'",
    );
    document = await exportJson(source);
    target = server().client();
    const targetUser = await signUp(target, { currency: 'USD' });
    targetUserId = targetUser.id;
    targetEmail = targetUser.email;
    const answer = await restore(target, document);
    expect(answer.errors).toBeUndefined();
  });

  it('exports every section of version 2 with records that refer to others', () => {
    expect(document.version).toBe(2);
    for (const name of VERSION_2_SECTIONS) {
      expect(document[name]?.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('restores them: exporting again gives the same document apart from ids', async () => {
    const again = normalise(await exportJson(target));
    for (const name of VERSION_2_SECTIONS) expect(again[name]).toEqual(normalise(document)[name]);
  });

  it('imports: the saved mappings and bank accounts, and every key with its transaction', () => {
    const [main, card, savings] = document.accounts.map((a: { id: string }) => a.id);
    void main;
    expect(document.importAccounts).toEqual([
      {
        account: savings,
        bankAccount: null,
        csvHeader: ['Date', 'Description', 'Amount'],
        csvMapping: expect.objectContaining({ date: 0, description: 1, amount: 2, delimiter: ';' }),
      },
      { account: card, bankAccount: '4111222233334444', csvHeader: null, csvMapping: null },
    ]);
    expect(document.importKeys).toHaveLength(5);
    const described = (id: string) =>
      document.transactions.find((t: { id: string }) => t.id === id)?.description;
    expect(
      document.importKeys.map((k: { transaction: string }) => described(k.transaction)),
    ).toEqual(['Bakery Sun', 'Bakery Sun', 'Refund Shop', 'BOOKSHOP NYC', 'RAIL TICKETS']);
    expect(document.importKeys[0].key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tax: marks on categories and single transactions, the tax year in the settings', async () => {
    const id = (description: string) =>
      document.transactions.find((t: { description: string }) => t.description === description).id;
    expect(document.taxMarks).toEqual([
      { category: 'Travel', transaction: null, taxCategory: 'business' },
      { category: 'Eating out', transaction: null, taxCategory: 'Client dinners' },
      { category: null, transaction: id('BOOKSHOP NYC'), taxCategory: 'education' },
      { category: null, transaction: id('Bus'), taxCategory: 'Client dinners' },
    ]);
    expect(document.settings.taxYearStart).toBe('04-06');
    // The restored marks count as they did: the same summary of the same tax year.
    const SUMMARY =
      '{ taxSummary(year: 2023) { year from to total byTaxCategory { key total count } } }';
    const restored = (await target.data(SUMMARY)).taxSummary;
    expect(restored).toEqual((await source.data(SUMMARY)).taxSummary);
    expect(restored).toMatchObject({ year: '2023/24', from: '2023-04-06' });
    expect(restored.byTaxCategory.map((r: { key: string }) => r.key)).toEqual([
      'business',
      'Client dinners',
      'education',
    ]);
    const { taxCategories } = await target.data('{ taxCategories }');
    expect(taxCategories).toContain('Client dinners');
  });

  it('reports: saved reports with their filters and schedules, mailed to the restoring user', async () => {
    const card = document.accounts[1].id;
    expect(document.savedReports).toEqual([
      {
        name: 'Card spending',
        input: {
          from: '2024-01-01',
          to: '2024-03-31',
          groupBy: 'CATEGORY',
          accounts: [card],
          categories: ['Travel', 'Eating out'],
        },
        schedule: 'MONTHLY',
        email: true,
        lastSentPeriod: '2024-03',
      },
      expect.objectContaining({ name: '=Weekly overview', schedule: 'WEEKLY', email: false }),
    ]);
    const SAVED = '{ savedReports { name schedule email input { accountIds categories } } }';
    const { savedReports } = await target.data(SAVED);
    expect(savedReports[0].input.accountIds).toEqual([
      await accountIdByName(target, 'Travel card'),
    ]);
    const rows = await server().dataSource.query(
      'SELECT r.userId AS userId, r.lastSentPeriod AS period, r.unsubscribeSecret AS secret FROM saved_reports r ' +
        "WHERE r.name = 'Card spending' ORDER BY r.id",
    );
    expect(rows).toHaveLength(2);
    expect(Number(rows[1].userId)).toBe(Number(targetUserId));
    expect(rows[1].period).toBe('2024-03');
    // A new unsubscribe key: the exported server's links do not stop the restored schedule.
    expect(rows[1].secret).not.toBe(rows[0].secret);
  });

  it('webhooks: endpoints with their events and state, with new secrets, announced to the user', async () => {
    expect(document.webhooks).toEqual([
      {
        url: 'https://hooks.example.com/finance',
        events: ['transaction.created', 'import.completed'],
        enabled: true,
      },
      { url: 'https://example.org/budget?key=1', events: ['budget.exceeded'], enabled: false },
    ]);
    const secrets = (await server().dataSource.query(
      'SELECT secret, ledgerId FROM webhook_endpoints ORDER BY id',
    )) as { secret: string; ledgerId: number }[];
    expect(secrets).toHaveLength(4);
    const exported = JSON.stringify(document);
    for (const { secret } of secrets) expect(exported).not.toContain(secret);
    expect(secrets[2].secret).not.toBe(secrets[0].secret);
    expect(secrets[3].secret).not.toBe(secrets[1].secret);
    const { webhooks } = await target.data('{ webhooks { url events active } }');
    expect(webhooks).toEqual([
      {
        url: 'https://hooks.example.com/finance',
        events: ['transaction.created', 'import.completed'],
        active: true,
      },
      { url: 'https://example.org/budget?key=1', events: ['budget.exceeded'], active: false },
    ]);
    const { notifications } = await target.data('{ notifications { nodes { kind title body } } }');
    expect(notifications.nodes).toContainEqual({
      kind: 'WEBHOOK',
      title: 'Webhooks restored with new signing secrets',
      body: expect.stringMatching(/https:\/\/hooks\.example\.com\/finance.*use "New secret"/),
    });
    // The restored history was not announced to them: the restore queued no event.
    const { ledgerId } = await personalLedger(server().dataSource, Number(targetUserId));
    const announced = async () =>
      (
        (await server().dataSource.query(
          'SELECT type FROM webhook_events WHERE ledgerId = ? ORDER BY id',
          [ledgerId],
        )) as { type: string }[]
      ).map((e) => e.type);
    expect(await announced()).toEqual([]);
    // While what is written after the restore is: the endpoints do listen.
    await target.data('mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }', {
      input: {
        amount: '4.20',
        category: 'Food',
        description: 'After the restore',
        date: '2026-11-30',
      },
    });
    expect(await announced()).toEqual(['transaction.created']);
  });

  it('a webhook this server refuses is left out and reported; the rest is restored', async () => {
    const copy = structuredClone(document);
    copy.webhooks = [
      { url: 'https://127.0.0.1/hook', events: ['bill.due'], enabled: true },
      ...copy.webhooks,
    ];
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const answer = await restore(client, copy);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.importLedger).toMatchObject({ status: 'DONE', failed: 1 });
    expect(answer.data?.importLedger.errors).toEqual([
      {
        line: 0,
        field: 'webhooks[0].url',
        message: 'Not restored: Private, loopback and link-local addresses are refused',
      },
    ]);
    const { webhooks } = await client.data('{ webhooks { url } }');
    expect(webhooks.map((w: { url: string }) => w.url)).toEqual([
      'https://hooks.example.com/finance',
      'https://example.org/budget?key=1',
    ]);
    expect((await exportJson(client)).transactions).toHaveLength(document.transactions.length);
  });

  it('refuses a ledger that already has webhook endpoints: they would hear of the restored history', async () => {
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    await client.data(
      'mutation { createWebhook(url: "https://mine.example.com/x", events: ["transaction.created"]) { secret } }',
    );
    const answer = await restore(client, document);
    expect(answer.errors?.[0].message).toMatch(/not empty: it already holds webhooks/);
    expect((await exportJson(client)).transactions).toEqual([]);
  });

  it('investments: securities with their splits, prices, trades and dividends', async () => {
    const broker = document.accounts.find((a: { name: string }) => a.name === 'Broker').id;
    expect(document.securities).toEqual([
      {
        symbol: 'VWCE.DE',
        name: 'Vanguard FTSE All-World',
        assetClass: 'ETF',
        currency: 'EUR',
        splits: [{ account: null, date: '2024-02-15', ratio: '3:2' }],
      },
      {
        symbol: 'SAP.DE',
        name: 'SAP.DE',
        assetClass: 'STOCK',
        currency: 'EUR',
        splits: [{ account: broker, date: '2024-02-01', ratio: '2:1' }],
      },
    ]);
    expect(document.trades).toEqual([
      {
        account: broker,
        symbol: 'VWCE.DE',
        side: 'BUY',
        date: '2024-01-10',
        quantity: '10',
        price: '100.5',
        fees: '0.99',
      },
      {
        account: broker,
        symbol: 'SAP.DE',
        side: 'BUY',
        date: '2024-01-12',
        quantity: '8.125',
        price: '140.0001',
        fees: '0.99',
      },
      {
        account: broker,
        symbol: 'SAP.DE',
        side: 'SELL',
        date: '2024-03-01',
        quantity: '12',
        price: '71.2',
        fees: '0.99',
      },
    ]);
    expect(document.securityPrices).toEqual([
      { symbol: 'VWCE.DE', date: '2024-03-28', price: '109.9', source: 'MANUAL' },
      { symbol: 'VWCE.DE', date: '2024-03-29', price: '110.25', source: 'MANUAL' },
      { symbol: 'SAP.DE', date: '2024-03-29', price: '95.4', source: 'MANUAL' },
    ]);
    const income = (id: string) => document.transactions.find((t: { id: string }) => t.id === id);
    expect(document.dividends).toHaveLength(2);
    expect(income(document.dividends[1].transaction)).toMatchObject({
      kind: 'INCOME',
      amount: '4.10',
      category: 'Dividends',
    });
    // The portfolio values the restored holdings exactly as the exported ones.
    const PORTFOLIO = `{ portfolio(to: "2024-03-31") { holdings { security { symbol } quantity costBasis marketValue realizedGain } } }`;
    const restored = (await target.data(PORTFOLIO)).portfolio;
    expect(restored).toEqual((await source.data(PORTFOLIO)).portfolio);
    expect(restored.holdings).toContainEqual(
      expect.objectContaining({ security: { symbol: 'SAP.DE' }, quantity: '4.25' }),
    );
  });

  it('a document whose sell needs more than its trades and splits hold is refused', async () => {
    const copy = structuredClone(document);
    copy.securities[1].splits = [];
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const answer = await restore(client, copy);
    expect(answer.errors?.[0].message).toBe(
      'The export cannot be restored: trades: Cannot sell more than is held on 2024-03-01',
    );
    expect((await exportJson(client)).trades).toEqual([]);
  });

  it('splitting: groups and members, expenses with their parts and shares, settlements', async () => {
    const [flat, trip] = document.splitGroups;
    expect(flat).toMatchObject({ name: 'Flat', currency: 'EUR' });
    expect(flat.members.map((m: { name: string; owner: boolean }) => [m.name, m.owner])).toEqual([
      ['Me', true],
      ['Bob', false],
      ['@Cara', false],
    ]);
    expect(flat.members[1]).toMatchObject({
      email: 'bob@example.com',
      iban: 'DE89370400440532013000',
    });
    expect(trip.members.map((m: { owner: boolean }) => m.owner)).toEqual([false, false]);
    const [groceries, concert, taxi] = document.groupExpenses;
    expect(groceries).toMatchObject({
      group: flat.id,
      paidBy: flat.members[1].id,
      method: 'EQUAL',
    });
    expect(groceries.splits.map((s: { amount: string }) => s.amount)).toEqual([
      '20.01',
      '20.00',
      '20.00',
    ]);
    const share = document.transactions.find(
      (t: { id: string }) => t.id === groceries.splits[0].shareTransaction,
    );
    expect(share).toMatchObject({ description: 'Flat: Groceries run', amount: '20.01' });
    expect(groceries.splits[1].shareTransaction).toBeNull();
    expect(concert).toMatchObject({
      currency: 'USD',
      amount: '90.00',
      groupAmount: '83.11',
      rate: '0.9234',
    });
    expect(taxi).toMatchObject({ group: trip.id, method: 'EXACT' });
    expect(document.groupSettlements).toHaveLength(3);
    // The restored groups balance and settle up as the exported ones.
    const GROUPS =
      '{ groups { name members { name email user { id } } balances { member { name } balance } settlements { from { name } to { name } amount } } }';
    const before = (await source.data(GROUPS)).groups;
    const after = (await target.data(GROUPS)).groups;
    const strip = (groups: any[]) =>
      groups.map((g) => ({
        ...g,
        members: g.members.map((m: { name: string }) => m.name),
      }));
    expect(strip(after)).toEqual(strip(before));
    // The owner is the restoring user now: their shares stay linked to their transactions.
    const me = after.find((g: { name: string }) => g.name === 'Flat').members[0];
    expect(me).toEqual({ name: 'Me', email: targetEmail, user: { id: targetUserId } });
    const [row] = await server().dataSource.query(
      'SELECT s.shareUserId AS userId, s.shareTransactionId AS tid FROM group_expense_splits s ' +
        'INNER JOIN group_expenses e ON e.id = s.expenseId INNER JOIN split_groups g ON g.id = e.groupId ' +
        "WHERE g.ledgerId = ? AND e.description = 'Groceries run' AND s.shareTransactionId IS NOT NULL",
      [(await personalLedger(server().dataSource, Number(targetUserId))).ledgerId],
    );
    expect(Number(row.userId)).toBe(Number(targetUserId));
    const { transaction } = await target.data(
      'query($id: ID!) { transaction(id: $id) { description amount } }',
      {
        id: String(row.tid),
      },
    );
    expect(transaction).toEqual({ description: 'Flat: Groceries run', amount: '20.01' });
  });

  it('receipts: pictures, what was read, the expense, the tax mark; corrected merchants', async () => {
    const description = (id: string | null) =>
      document.transactions.find((t: { id: string }) => t.id === id)?.description;
    const [bakery, utility, photo] = document.receipts;
    expect(bakery).toMatchObject({
      name: 'bakery.pdf',
      contentType: 'application/pdf',
      status: 'READ',
      merchant: 'Corner Bakery Huber',
      date: '2024-03-14',
      total: '4.60',
      currency: 'EUR',
      taxKept: false,
    });
    expect(bakery.text).toContain('SUMME EUR 4,60');
    expect(description(bakery.transaction)).toBe('Bäckerei Huber');
    expect(utility).toMatchObject({ taxKept: true, month: '2024-03' });
    expect(photo).toMatchObject({ contentType: 'image/jpeg', status: 'QUEUED', text: null });
    expect(description(photo.transaction)).toBe('Hotel');
    expect(Buffer.from(photo.image, 'base64').subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );
    expect(document.receiptMerchants).toEqual([
      { readKey: expect.any(String), merchant: 'Bäckerei Huber', category: 'Bakery' },
      { readKey: expect.any(String), merchant: 'City Utilities', category: 'Utilities' },
    ]);
    // The pictures come back byte for byte, to their new owner.
    const RECEIPTS =
      '{ receipts(first: 10) { nodes { name imageUrl thumbnailUrl status expense { description } } } }';
    const picture = async (client: ApiClient, path: string) =>
      Buffer.from(
        await (
          await fetch(`${client.url}${path}`, {
            headers: { cookie: [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
          })
        ).arrayBuffer(),
      );
    const before = (await source.data(RECEIPTS)).receipts.nodes;
    const after = (await target.data(RECEIPTS)).receipts.nodes;
    expect(after.map((r: { name: string }) => r.name)).toEqual(
      before.map((r: { name: string }) => r.name),
    );
    for (const [index, receipt] of after.entries()) {
      expect(await picture(target, receipt.imageUrl)).toEqual(
        await picture(source, before[index].imageUrl),
      );
      expect(await picture(target, receipt.thumbnailUrl)).toEqual(
        await picture(source, before[index].thumbnailUrl),
      );
      expect(receipt.expense).toEqual(before[index].expense);
    }
    // The photo not read yet is queued again, for the restored receipt.
    const queued = (await server().dataSource.query(
      "SELECT payload FROM jobs WHERE type = 'receipts.read' AND status = 'pending'",
    )) as { payload: string }[];
    const [{ id: restoredPhoto }] = (await server().dataSource.query(
      "SELECT id FROM receipts WHERE userId = ? AND name = 'hotel.jpg'",
      [Number(targetUserId)],
    )) as { id: number }[];
    expect(queued.map((j) => JSON.parse(j.payload).receiptId)).toContain(Number(restoredPhoto));
  });

  it('a receipt whose picture is not what it claims is refused', async () => {
    const copy = structuredClone(document);
    copy.receipts[0].image = Buffer.from('<html><script>alert(1)</script>').toString('base64');
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const answer = await restore(client, copy);
    expect(answer.errors?.[0].message).toBe(
      `The export cannot be restored: receipts[0] (id ${copy.receipts[0].id}).image: must be the application/pdf file, base64`,
    );
  });

  it('the CSV zip holds each picture as a file of its own, named in receipts.csv', async () => {
    const answer = await download(source, 'csv');
    const files = unzipSync(new Uint8Array(answer.body));
    const rows = readCsv(
      Buffer.from(files['receipts.csv'])
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    expect(rows[0].slice(0, 3)).toEqual(['id', 'file', 'name']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['bakery.pdf', "'=utility.pdf", 'hotel.jpg']);
    for (const [index, row] of rows.slice(1).entries()) {
      expect(row[1]).toBe(`receipts/${document.receipts[index].id}.${index < 2 ? 'pdf' : 'jpg'}`);
      expect(Buffer.from(files[row[1]])).toEqual(
        Buffer.from(document.receipts[index].image, 'base64'),
      );
    }
    expect(Object.keys(files).filter((f) => f.startsWith('receipts/'))).toHaveLength(3);
  });

  it('restored into a shared ledger, the owner member is a member like any other and the shares stay theirs', async () => {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    const ledgerId = await createLedger(client, 'Our flat');
    const stored = await upload(client, JSON.stringify(document), { name: 'export.json' });
    const answer = await client.gql(
      'mutation($id: ID!, $l: ID) { importLedger(uploadId: $id, ledgerId: $l) { status failed } }',
      { id: stored.body.id, l: ledgerId },
    );
    expect(answer.errors).toBeUndefined();
    const downloaded = await download(client, 'json', { query: `&ledgerId=${ledgerId}` });
    const shared = JSON.parse(downloaded.body.toString('utf8'));
    const me = shared.splitGroups[0].members[0];
    // Not linked to anyone: the exporting user is no member of this ledger.
    expect(me).toMatchObject({
      name: 'Me',
      email: document.splitGroups[0].members[0].email,
      owner: false,
    });
    expect(me.email).not.toBe(user.email);
    for (const expense of shared.groupExpenses) {
      for (const split of expense.splits) expect(split.shareTransaction).toBeNull();
    }
    // The rest of the groups is as it was.
    const plain = (d: Record<string, any>) =>
      normalise(d).groupExpenses.map((e: Record<string, any>) => ({
        ...e,
        splits: e.splits.map((s: Record<string, any>) => ({ ...s, shareTransaction: null })),
      }));
    expect(plain(shared)).toEqual(plain(document));
  });

  it('refuses a ledger that holds a record of a later section, such as a saved report', async () => {
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    await client.data(
      'mutation { saveReport(name: "Mine", input: { from: "2024-01-01", to: "2024-01-31", groupBy: MONTH }) { id } }',
    );
    const answer = await restore(client, document);
    expect(answer.errors?.[0].message).toMatch(/not empty: it already holds savedReports/);
  });

  it('importing the same bank files again after the restore imports nothing new', async () => {
    const savings = await accountIdByName(target, 'Savings');
    const csv = await previewFile(target, SAVINGS_CSV, { accountId: savings }, 'savings.csv');
    // The mapping saved with the exported account is offered again.
    expect(csv.savedMapping).toBe(true);
    expect(csv.duplicates).toBe(3);
    expect(await commitAndWait(target, csv.importId)).toMatchObject({
      status: 'DONE',
      imported: 0,
      skippedDuplicates: 3,
    });
    const card = await accountIdByName(target, 'Travel card');
    const ofx = await previewFile(target, CARD_OFX, { accountId: card }, 'card.ofx');
    expect(ofx.duplicates).toBe(2);
    expect(await commitAndWait(target, ofx.importId)).toMatchObject({
      imported: 0,
      skippedDuplicates: 2,
    });
    // The card's statements name its bank account: another account refuses them.
    const other = await previewFile(target, CARD_OFX, { accountId: savings }, 'card.ofx').catch(
      (error: Error) => error,
    );
    expect(String(other)).toMatch(/4111222233334444, which was imported into \\"Travel card\\"/);
  });

  it('restores a version 1 document, which has none of these sections', async () => {
    const older: Record<string, any> = { ...structuredClone(document), version: 1 };
    for (const name of VERSION_2_SECTIONS) delete older[name];
    delete older.settings.taxYearStart;
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const answer = await restore(client, older);
    expect(answer.errors).toBeUndefined();
    const again = await exportJson(client);
    expect(again.version).toBe(2);
    for (const name of VERSION_2_SECTIONS) expect(again[name]).toEqual([]);
    // The calendar year, as for a user who never chose a tax year.
    expect(again.settings.taxYearStart).toBe('01-01');
    older.settings.taxYearStart = '01-01';
    const { version: _v, ...rest } = normalise(again);
    const { version: _o, ...expected } = normalise(older);
    void _v;
    void _o;
    for (const [key, value] of Object.entries(expected)) expect(rest[key]).toEqual(value);
  });
});
