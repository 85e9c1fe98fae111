import { unzipSync } from 'fflate';
import { describeEachDatabase } from '../../../test/test-server';
import { createServices, type Services } from '../../services';
import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { HYPERLINK, seedRichUser } from '../../../test/export-fixture';
import { createToken } from '../../../test/uploads';
import { download, exportJson, normalise, readCsv, restore } from '../../../test/exports';

const ACCOUNTS = '{ accounts { name type currency openingBalance balance archived } }';

describeEachDatabase('export and restore', (server) => {
  let source: ApiClient;
  let sourceUserId: string;
  let document: Record<string, any>;
  let services: Services;
  afterAll(() => services.receiptIntake.close());

  beforeAll(async () => {
    source = server().client();
    services = createServices(server().dataSource, server().config);
    sourceUserId = await seedRichUser(source, async (ids) => {
      for (const id of ids) await services.receiptIntake.read(Number(id));
    });
    document = await exportJson(source);
  });

  it('exports every kind of record as a versioned document, money as decimal strings', () => {
    expect(document.format).toBe('finance-export');
    expect(document.version).toBe(2);
    expect(document.user.currency).toBe('EUR');
    expect(document.accounts.map((a: { name: string }) => a.name)).toEqual([
      'Main account',
      'Travel card',
      'Savings',
      'Old wallet',
      'Broker',
    ]);
    expect(document.accounts[1]).toMatchObject({ currency: 'USD', openingBalance: '-12.50' });
    expect(document.accounts[3].archived).toBe(true);
    // 12 entered by hand, 5 imported from bank files, 2 dividends, 2 shares of group expenses,
    // 2 receipts confirmed (export-records.ts).
    expect(document.transactions).toHaveLength(23);
    const hotel = document.transactions.find(
      (t: { description: string }) => t.description === 'Hotel',
    );
    // 240.99 USD at 0.9234 = 222.530166 EUR, booked as 222.53.
    expect(hotel).toMatchObject({
      kind: 'EXPENSE',
      amount: '240.99',
      currency: 'USD',
      accountAmount: '240.99',
      reportingAmount: '222.53',
      rate: '0.9234',
      rateDate: '2024-02-01',
      category: 'Travel',
    });
    const transfer = document.transactions.find(
      (t: { description: string }) => t.description === 'Pay the card',
    );
    expect(transfer).toMatchObject({ kind: 'TRANSFER', amount: '200.00', toAmount: '216.40' });
    expect(transfer.toAccount).toBe(document.accounts[1].id);
    expect(document.categories).toContainEqual({ name: 'KidToys', hidden: true });
    expect(document.categories).toContainEqual({ name: 'Groceries', hidden: false });
    expect(document.categoryAliases).toEqual([{ name: 'food', category: 'Groceries' }]);
    expect(document.budgets).toEqual([
      { month: '2024-01', amount: '2500.00' },
      { month: '2024-02', amount: '2600.50' },
    ]);
    expect(document.budgetTargets).toEqual([
      { category: 'Groceries', month: '2024-01', amount: '400.00' },
      { category: 'Travel', month: '2024-02', amount: '500.00' },
    ]);
    expect(document.budgetSettings).toEqual({ carryOver: true });
    expect(document.settings).toEqual({
      timeZone: 'Europe/Berlin',
      remindersEnabled: true,
      reminderDaysBefore: 5,
      taxYearStart: '04-06',
    });
    expect(document.categoryRules).toEqual([
      {
        match: 'uber',
        category: 'Transport',
        account: document.accounts[1].id,
        currency: 'USD',
        minAmount: '5.00',
        maxAmount: null,
      },
    ]);
    const [gym, save] = document.recurringRules;
    expect(gym).toMatchObject({ name: 'Gym', amount: '29.99', currency: 'EUR', mode: 'EXPECT' });
    expect(gym.handled).toEqual([{ date: '2024-01-01', status: 'SKIPPED', transaction: null }]);
    expect(gym.nextDate).toBe('2024-02-01');
    expect(save).toMatchObject({
      kind: 'TRANSFER',
      toAccount: document.accounts[2].id,
      nextDate: '2099-01-15',
    });
    expect(document.dismissedRecurringSuggestions).toEqual([
      expect.objectContaining({ cadence: 'WEEKLY', amount: '25.00', currency: 'EUR' }),
    ]);
    expect(document.goals).toEqual([
      {
        name: 'Bike',
        currency: 'EUR',
        targetAmount: '1500.00',
        targetDate: '2099-06-30',
        milestoneReached: 50,
        accounts: [document.accounts[2].id],
        contributions: [
          { date: '2024-01-20', amount: '100.00', note: 'birthday' },
          { date: '2024-02-20', amount: '55.55', note: 'birthday' },
        ],
      },
      expect.objectContaining({ name: 'Trip', currency: 'USD', targetAmount: '3000.00' }),
    ]);
    expect(document.debts).toEqual([
      {
        name: 'Car loan',
        account: null,
        currency: 'EUR',
        balance: '8000.00',
        annualRate: '0.049',
        minimumPayment: '250.00',
      },
      {
        name: 'Travel card',
        account: document.accounts[1].id,
        currency: 'USD',
        balance: null,
        annualRate: '0.199',
        minimumPayment: '25.00',
      },
    ]);
    expect(document.exchangeRates).toEqual([
      { from: 'USD', to: 'EUR', date: '2024-01-01', rate: '0.91', source: 'MANUAL' },
      { from: 'USD', to: 'EUR', date: '2024-02-01', rate: '0.9234', source: 'MANUAL' },
    ]);
  });

  it('restores into a new user: exporting again gives the same document apart from ids and timestamps', async () => {
    const target = server().client();
    await signUp(target, { currency: 'USD' });
    const answer = await restore(target, document);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.importLedger).toMatchObject({
      status: 'DONE',
      failed: 0,
      skippedDuplicates: 0,
      progress: 1,
    });
    const again = await exportJson(target);
    expect(again.user.currency).toBe('EUR');
    expect(normalise(again)).toEqual(normalise(document));
    // The month totals were written with the rows: the balances agree.
    expect((await target.data(ACCOUNTS)).accounts).toEqual((await source.data(ACCOUNTS)).accounts);
    const { me } = await target.data('{ me { currency } }');
    expect(me.currency).toBe('EUR');
    // The old name of a renamed category still resolves after the restore.
    const written = await addExpense(target, {
      amount: '1.00',
      category: 'food',
      date: '2024-03-01',
    });
    expect(written.category.name).toBe('Groceries');
    // The dismissed series stays dismissed; the handled date of the rule stays handled.
    const { detectRecurringSuggestions: suggested } = await target.data(
      'mutation { detectRecurringSuggestions { id } }',
    );
    expect(suggested).toEqual([]);
    const { recurringRules } = await target.data('{ recurringRules { name nextDate } }');
    expect(recurringRules).toContainEqual({ name: 'Gym', nextDate: '2024-02-01' });
    const { userSettings } = await target.data('{ userSettings { timeZone calendarFeedActive } }');
    expect(userSettings).toEqual({ timeZone: 'Europe/Berlin', calendarFeedActive: false });
  });

  it('refuses a ledger that is not empty, and writes nothing', async () => {
    const target = server().client();
    await signUp(target, { currency: 'EUR' });
    await addExpense(target, { description: 'Mine', amount: '3.00', date: '2024-05-01' });
    const before = await exportJson(target);
    const answer = await restore(target, document);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toMatch(/not empty: it already holds accounts/);
    expect(normalise(await exportJson(target))).toEqual(normalise(before));
  });

  describe('a corrupted document is refused, naming what is wrong, and nothing is written', () => {
    let target: ApiClient;
    let pristine: Record<string, any>;

    beforeAll(async () => {
      target = server().client();
      await signUp(target, { currency: 'USD' });
      pristine = normalise(await exportJson(target));
    });

    afterEach(async () => {
      expect(normalise(await exportJson(target))).toEqual(pristine);
      expect((await target.data('{ me { currency } }')).me.currency).toBe('USD');
    });

    const broken = (change: (copy: Record<string, any>) => void) => {
      const copy = structuredClone(document);
      change(copy);
      return copy;
    };

    it('a version this server does not read', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.version = 3)),
      );
      expect(answer.errors?.[0].message).toMatch(
        /version: 3 is not a version this server reads \(it reads 1, 2\)/,
      );
    });

    it('a transaction pointing to a missing account', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.transactions[5].account = '999999')),
      );
      const id = document.transactions[5].id;
      expect(answer.errors?.[0].message).toContain(
        `transactions[5] (id ${id}).account: names the account "999999"`,
      );
    });

    it('a bad amount, late in the document (after the currency and accounts were written)', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.budgetTargets[1].amount = '12.505')),
      );
      expect(answer.errors?.[0].message).toBe(
        'The export cannot be restored: budgetTargets[1].amount: Target amount must have at most 2 decimal places',
      );
    });

    it('a transaction amount the write path refuses', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.transactions[2].amount = 'ten')),
      );
      expect(answer.errors?.[0].message).toMatch(
        /transactions\[2\] \(id \d+\)\.amount: Amount must be a decimal/,
      );
    });

    it('a booked conversion that contradicts its currencies', async () => {
      const index = document.transactions.findIndex(
        (t: { description: string }) => t.description === 'Coffee in New York',
      );
      const answer = await restore(
        target,
        broken((d) => (d.transactions[index].reportingAmount = '7.36')),
      );
      expect(answer.errors?.[0].message).toContain(
        `transactions[${index}] (id ${document.transactions[index].id}).reportingAmount: In the reporting currency`,
      );
    });

    it('a section this server does not know', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.investments = [])),
      );
      expect(answer.errors?.[0].message).toMatch(/investments: is not a section this server knows/);
    });
  });

  it('writes a zip of one CSV per kind, neutralising formulas in text cells only', async () => {
    const answer = await download(source, 'csv');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/zip');
    expect(answer.disposition).toMatch(
      /^attachment; filename="finance-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(answer.body));
    // One CSV per section of the JSON document, and nothing else but the receipts' pictures.
    const sections = Object.keys(document).filter(
      (key) => !['format', 'version', 'exportedAt'].includes(key),
    );
    expect(sections.length).toBeGreaterThan(17);
    expect(
      Object.keys(files)
        .filter((file) => file.endsWith('.csv'))
        .sort(),
    ).toEqual(sections.map((key) => `${key}.csv`).sort());
    const csv = (name: string) =>
      readCsv(
        Buffer.from(files[name])
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    const transactions = csv('transactions.csv');
    expect(transactions[0]).toEqual([
      'id',
      'date',
      'kind',
      'description',
      'payee',
      'category',
      'account',
      'amount',
      'currency',
      'accountAmount',
      'toAccount',
      'toAmount',
      'reportingAmount',
      'rate',
      'rateDate',
      'rateSource',
    ]);
    const row = transactions.find((r) => r[3].includes('HYPERLINK')) as string[];
    expect(row[3]).toBe(`'${HYPERLINK}`);
    expect(row[7]).toBe('-12.50');
    const raw = Buffer.from(files['transactions.csv']).toString('utf8');
    // The amount is written bare, so that a spreadsheet reads a number.
    expect(raw).toMatch(/,-12\.50,EUR,12\.50,/);
    const interest = transactions.find((r) => r[3].includes('interest')) as string[];
    expect(interest[3]).toBe("'+interest");
    expect(interest[7]).toBe('1.07');
    const accounts = csv('accounts.csv');
    expect(accounts[0]).toEqual(['id', 'name', 'type', 'currency', 'openingBalance', 'archived']);
    expect(accounts[2]).toEqual([
      document.accounts[1].id,
      'Travel card',
      'CREDIT_CARD',
      'USD',
      '-12.50',
      'false',
    ]);
    expect(csv('budgetTargets.csv')).toEqual([
      ['category', 'month', 'amount'],
      ['Groceries', '2024-01', '400.00'],
      ['Travel', '2024-02', '500.00'],
    ]);
    expect(csv('categories.csv')).toContainEqual(['KidToys', 'true']);
  });

  it('answers 401 without a session or token, and a READ token may export', async () => {
    for (const format of ['json', 'csv'] as const) {
      const answer = await download(source, format, { anonymous: true });
      expect(answer.status).toBe(401);
    }
    const token = await createToken(source, 'READ');
    const answer = await download(source, 'json', { bearer: token });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString('utf8')).transactions).toHaveLength(23);
  });

  it("never shows another user's data", async () => {
    const other = server().client();
    await signUp(other);
    const own = await exportJson(other);
    expect(JSON.stringify(own)).not.toContain('Travel card');
    expect(own.transactions).toEqual([]);
    const [ledger] = (await server().dataSource.query(
      'SELECT id FROM ledgers WHERE personalUserId = ?',
      [Number(sourceUserId)],
    )) as { id: number }[];
    const foreign = await download(other, 'json', { query: `&ledgerId=${ledger.id}` });
    expect(foreign.status).toBe(404);
    // An upload of another user cannot be restored either.
    const answer = await restore(other, document);
    expect(answer.errors).toBeUndefined();
    const stolen = await other.gql(
      'mutation($id: ID!) { importLedger(uploadId: $id) { imported } }',
      { id: answer.data?.importLedger.importId },
    );
    const third = server().client();
    await signUp(third);
    const refused = await third.gql(
      'mutation($id: ID!) { importLedger(uploadId: $id) { imported } }',
      { id: answer.data?.importLedger.importId },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(stolen.errors?.[0].message).toMatch(/not empty/);
  });
});
