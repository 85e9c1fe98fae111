import type { ApiClient } from './api-client';
import { syntheticPdf } from '../src/modules/receipts/synthetic-pdf';
import { syntheticReceipt } from '../src/modules/receipts/synthetic-receipts';
import { commitAndWait, previewFile } from './imports';
import { upload } from './uploads';

/** A bank's CSV statement for the savings account: two identical rows of one day stay two. */
export const SAVINGS_CSV = [
  'Date;Description;Amount',
  '2024-03-01;Bakery Sun;-4,20',
  '2024-03-01;Bakery Sun;-4,20',
  '2024-03-04;Refund Shop;15,00',
].join('\n');

/** An OFX statement of the card, with the bank's own ids (FITID) and its account number. */
export const CARD_OFX = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
  '',
  '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240401',
  '<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1',
  '<STATUS><CODE>0<SEVERITY>INFO</STATUS><CCSTMTRS><CURDEF>USD',
  '<CCACCTFROM><ACCTID>4111222233334444</CCACCTFROM>',
  '<BANKTRANLIST><DTSTART>20240301<DTEND>20240331',
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240311<TRNAMT>-18.40<FITID>CC-0311-A<NAME>BOOKSHOP NYC</STMTTRN>',
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240312<TRNAMT>-63.15<FITID>CC-0312-B<NAME>RAIL TICKETS</STMTTRN>',
  '</BANKTRANLIST><LEDGERBAL><BALAMT>-81.55<DTASOF>20240331</LEDGERBAL></CCSTMTRS></CCSTMTTRNRS>',
  '</CREDITCARDMSGSRSV1></OFX>',
].join('\n');

async function importFile(
  client: ApiClient,
  content: string,
  accountId: string,
  name: string,
): Promise<void> {
  const preview = await previewFile(client, content, { accountId }, name);
  if (preview.errors.length > 0) throw new Error(JSON.stringify(preview.errors));
  const result = await commitAndWait(client, preview.importId);
  if (result.status !== 'DONE') throw new Error(JSON.stringify(result.errors));
}

/**
 * Records of the sections added with export version 2, each with at least two records that refer
 * to others (accounts, transactions, categories, securities, group members).
 */
export async function seedPortableRecords(
  client: ApiClient,
  { card, savings, email }: Record<string, string>,
  readReceipts: (receiptIds: string[]) => Promise<void>,
): Promise<void> {
  // Imports: a CSV mapping saved for the savings account, a bank account for the card, keys.
  await importFile(client, SAVINGS_CSV, savings, 'savings.csv');
  await importFile(client, CARD_OFX, card, 'card.ofx');
  await seedTax(client);
  await seedReports(client, card);
  await seedInvestments(client);
  await seedSplitting(client, email);
  await seedReceipts(client, readReceipts);
  // Last: endpoints made earlier would have queued an event for every write above.
  for (const [url, events] of [
    ['https://hooks.example.com/finance', ['transaction.created', 'import.completed']],
    ['https://example.org/budget?key=1', ['budget.exceeded']],
  ] as const) {
    await client.data(
      'mutation($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { secret } }',
      { url, events },
    );
  }
}

/** Reports: one limited to the card and two categories, mailed monthly; one weekly, not mailed. */
async function seedReports(client: ApiClient, card: string): Promise<void> {
  const SAVE =
    'mutation($name: String!, $input: ReportInput!, $schedule: String, $email: Boolean) { saveReport(name: $name, input: $input, schedule: $schedule, email: $email) { id } }';
  await client.data(SAVE, {
    name: 'Card spending',
    input: {
      from: '2024-01-01',
      to: '2024-03-31',
      groupBy: 'CATEGORY',
      accountIds: [card],
      categories: ['Travel', 'Eating out'],
    },
    schedule: 'MONTHLY',
  });
  await client.data(SAVE, {
    name: '=Weekly overview',
    input: { from: '2024-01-01', to: '2024-12-31', groupBy: 'MONTH' },
    schedule: 'WEEKLY',
    email: false,
  });
}

/** The ledger's transactions by description (the first of each). */
export async function transactionIds(client: ApiClient): Promise<Map<string, string>> {
  const { transactions } = await client.data<{
    transactions: { nodes: { id: string; description: string }[] };
  }>('{ transactions(first: 200) { nodes { id description } } }');
  const ids = new Map<string, string>();
  for (const t of [...transactions.nodes].reverse()) ids.set(t.description, t.id);
  return ids;
}

export async function categoryIds(client: ApiClient): Promise<Map<string, string>> {
  const { categories } = await client.data<{ categories: { id: string; name: string }[] }>(
    '{ categories(includeHidden: true) { id name } }',
  );
  return new Map(categories.map((c) => [c.name, c.id]));
}

/** Tax: a UK tax year, two categories marked (one under a tax category of the user's own) and two single expenses. */
async function seedTax(client: ApiClient): Promise<void> {
  await client.data(
    'mutation($input: UserSettingsInput!) { updateUserSettings(input: $input) { taxYearStart } }',
    { input: { taxYearStart: '04-06' } },
  );
  const categories = await categoryIds(client);
  for (const [category, taxCategory] of [
    ['Travel', 'business'],
    ['Eating out', 'Client dinners'],
  ]) {
    await client.data(
      'mutation($id: ID!, $tax: String) { setCategoryTaxDeductible(categoryId: $id, taxCategory: $tax) { taxCategory } }',
      { id: categories.get(category), tax: taxCategory },
    );
  }
  const transactions = await transactionIds(client);
  for (const [description, taxCategory] of [
    ['BOOKSHOP NYC', 'education'],
    ['Bus', 'Client dinners'],
  ]) {
    await client.data(
      'mutation($id: ID!, $tax: String) { setTaxDeductible(transactionId: $id, taxCategory: $tax) { id } }',
      { id: transactions.get(description), tax: taxCategory },
    );
  }
}

/**
 * Investments: a broker account with two securities (one renamed and classed), buys, a split
 * that the later sell needs (more is sold than was bought before it), prices and dividends.
 */
async function seedInvestments(client: ApiClient): Promise<void> {
  const { createAccount: broker } = await client.data<{ createAccount: { id: string } }>(
    'mutation($input: AccountInput!) { createAccount(input: $input) { id } }',
    { input: { name: 'Broker', type: 'INVESTMENT', currency: 'EUR', openingBalance: '5000.00' } },
  );
  const TRADE = 'mutation($input: TradeInput!) { addTrade(input: $input) { id } }';
  const trade = (symbol: string, side: string, quantity: string, price: string, date: string) =>
    client.data(TRADE, {
      input: { accountId: broker.id, symbol, side, quantity, price, fees: '0.99', date },
    });
  await trade('VWCE.DE', 'BUY', '10', '100.5', '2024-01-10');
  await trade('SAP.DE', 'BUY', '8.125', '140.0001', '2024-01-12');
  await client.data(
    'mutation($a: ID) { addSplit(accountId: $a, symbol: "SAP.DE", date: "2024-02-01", ratio: "2") { id } }',
    { a: broker.id },
  );
  await client.data(
    'mutation { addSplit(symbol: "VWCE.DE", date: "2024-02-15", ratio: "3:2") { id } }',
  );
  // More than was bought: the split made it 16.25, and the restore must replay it first.
  await trade('SAP.DE', 'SELL', '12', '71.20', '2024-03-01');
  await client.data(
    'mutation($input: SecurityInput!) { updateSecurity(symbol: "VWCE.DE", input: $input) { id } }',
    { input: { name: 'Vanguard FTSE All-World', assetClass: 'ETF' } },
  );
  for (const [symbol, date, price] of [
    ['VWCE.DE', '2024-03-28', '109.9'],
    ['VWCE.DE', '2024-03-29', '110.25'],
    ['SAP.DE', '2024-03-29', '95.4'],
  ]) {
    await client.data(
      'mutation($symbol: String!, $date: Date!, $price: Decimal!) { setPrice(symbol: $symbol, date: $date, price: $price) }',
      { symbol, date, price },
    );
  }
  for (const [symbol, amount, date] of [
    ['VWCE.DE', '3.20', '2024-03-15'],
    ['SAP.DE', '4.10', '2024-03-20'],
  ]) {
    await client.data('mutation($input: DividendInput!) { addDividend(input: $input) { id } }', {
      input: { accountId: broker.id, symbol, amount, date },
    });
  }
}

const MEMBER_IDS = '{ id name }';

/**
 * Splitting: two groups; the user is a member of one (their shares are booked in their ledger),
 * expenses in the group's currency and in another, and settlements.
 */
async function seedSplitting(client: ApiClient, email: string): Promise<void> {
  const GROUP = `mutation($input: GroupInput!) { createGroup(input: $input) { id members ${MEMBER_IDS} } }`;
  const { createGroup: flat } = await client.data(GROUP, {
    input: {
      name: 'Flat',
      currency: 'EUR',
      members: [
        { name: 'Me', email },
        { name: 'Bob', email: 'bob@example.com', iban: 'DE89 3704 0044 0532 0130 00' },
        { name: '@Cara' },
      ],
    },
  });
  const { createGroup: trip } = await client.data(GROUP, {
    input: { name: 'Trip', currency: 'USD', members: [{ name: 'Dan' }, { name: 'Eve' }] },
  });
  const id = (group: { members: { id: string; name: string }[] }, name: string) =>
    group.members.find((m) => m.name === name)?.id;
  const EXPENSE = 'mutation($input: GroupExpenseInput!) { addGroupExpense(input: $input) { id } }';
  await client.data(EXPENSE, {
    input: {
      groupId: flat.id,
      description: 'Groceries run',
      amount: '60.01',
      date: '2024-02-08',
      paidByMemberId: id(flat, 'Bob'),
      method: 'EQUAL',
      splits: [],
    },
  });
  await client.data(EXPENSE, {
    input: {
      groupId: flat.id,
      description: 'Concert tickets',
      amount: '90.00',
      currency: 'USD',
      date: '2024-02-10',
      paidByMemberId: id(flat, 'Me'),
      method: 'SHARES',
      splits: [
        { memberId: id(flat, 'Me'), value: '1' },
        { memberId: id(flat, '@Cara'), value: '2' },
      ],
      category: 'Eating out',
    },
  });
  await client.data(EXPENSE, {
    input: {
      groupId: trip.id,
      description: 'Taxi',
      amount: '35.50',
      date: '2024-02-12',
      paidByMemberId: id(trip, 'Eve'),
      method: 'EXACT',
      splits: [
        { memberId: id(trip, 'Dan'), value: '20.50' },
        { memberId: id(trip, 'Eve'), value: '15.00' },
      ],
    },
  });
  const SETTLE = 'mutation($input: SettlementInput!) { recordSettlement(input: $input) { id } }';
  for (const [group, from, to, amount, date] of [
    [flat, '@Cara', 'Bob', '20.00', '2024-02-20'],
    [flat, 'Me', 'Bob', '20.00', '2024-02-21'],
    [trip, 'Dan', 'Eve', '20.50', '2024-02-22'],
  ] as const) {
    await client.data(SETTLE, {
      input: {
        groupId: group.id,
        fromMemberId: id(group, from),
        toMemberId: id(group, to),
        amount,
        date,
      },
    });
  }
}

/**
 * Receipts: two PDFs read and confirmed into expenses with the merchant corrected (so that the
 * corrections are remembered), one kept for tax; a photo not read yet, attached to the hotel.
 */
async function seedReceipts(
  client: ApiClient,
  readReceipts: (receiptIds: string[]) => Promise<void>,
): Promise<void> {
  const scan = async (content: Buffer, name: string): Promise<string> => {
    const sent = await upload(client, content, { name });
    const { scanReceipt } = await client.data<{ scanReceipt: { id: string } }>(
      'mutation($id: ID!) { scanReceipt(uploadId: $id) { id } }',
      { id: sent.body.id },
    );
    return scanReceipt.id;
  };
  const bakery = await scan(
    syntheticPdf(['Corner Bakery Huber', 'Datum: 14.03.2024 09:12', 'SUMME EUR 4,60']),
    'bakery.pdf',
  );
  const utility = await scan(
    syntheticPdf(['Stadtwerke Muster', '05.03.2024', 'Strom Maerz', 'SUMME EUR 48,00']),
    '=utility.pdf',
  );
  const photo = await scan((await syntheticReceipt(0)).image, 'hotel.jpg');
  await readReceipts([bakery, utility]);
  const CONFIRM =
    'mutation($id: ID!, $input: ReceiptExpenseInput!) { confirmReceipt(id: $id, input: $input) { id } }';
  await client.data(CONFIRM, {
    id: bakery,
    input: { merchant: 'Bäckerei Huber', amount: '4.60', date: '2024-03-14', category: 'Bakery' },
  });
  await client.data(CONFIRM, {
    id: utility,
    input: {
      merchant: 'City Utilities',
      amount: '48.00',
      date: '2024-03-05',
      category: 'Utilities',
    },
  });
  await client.data('mutation($id: ID!) { setReceiptTaxKept(id: $id, kept: true) { id } }', {
    id: utility,
  });
  const hotel = (await transactionIds(client)).get('Hotel');
  await client.data(
    'mutation($r: ID!, $t: ID!) { attachReceipt(receiptId: $r, transactionId: $t) { id } }',
    { r: photo, t: hotel },
  );
}
