import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { ApiClient } from '../../../test/api-client';
import { signUp, type TestUser } from '../../../test/factories';
import { createLedger, join } from '../../../test/households';
import { describeEachDatabase } from '../../../test/test-server';

const MEMBER = 'id name email iban user { id }';
const GROUP = `id name currency members { ${MEMBER} } balances { member { id name } balance }
  settlements { from { id name } to { id name } amount }`;
const EXPENSE = `id description amount currency groupAmount rate method category
  paidBy { id } splits { member { id name } value amount }`;

const CREATE_GROUP = `mutation($input: GroupInput!, $ledgerId: ID) {
  createGroup(input: $input, ledgerId: $ledgerId) { ${GROUP} } }`;
const ADD_EXPENSE = `mutation($input: GroupExpenseInput!, $ledgerId: ID) {
  addGroupExpense(input: $input, ledgerId: $ledgerId) { ${EXPENSE} } }`;
const GET_GROUP = `query($id: ID!) { group(id: $id) { ${GROUP} } }`;
const RECORD = `mutation($input: SettlementInput!) { recordSettlement(input: $input) { ${GROUP} } }`;
const SPENT = `query($month: Month) { dashboard(month: $month) { spent } }`;

interface Member {
  id: string;
  name: string;
  email: string | null;
  iban: string | null;
  user: { id: string } | null;
}
interface Group {
  id: string;
  members: Member[];
  balances: { member: { id: string; name: string }; balance: string }[];
  settlements: { from: { name: string }; to: { name: string }; amount: string }[];
}

describeEachDatabase('bill splitting', (server) => {
  let alice: ApiClient;
  let aliceUser: TestUser;

  beforeAll(async () => {
    alice = server().client();
    aliceUser = await signUp(alice, { currency: 'EUR' });
  });

  async function createGroup(
    members: { name: string; email?: string; iban?: string }[],
    currency = 'EUR',
    ledgerId?: string,
  ): Promise<Group> {
    const { createGroup } = await alice.data<{ createGroup: Group }>(CREATE_GROUP, {
      input: { name: 'Trip', currency, members },
      ledgerId,
    });
    return createGroup;
  }

  const expense = (
    group: Group,
    method: string,
    amount: string,
    splits: { memberId: string; value?: string }[],
    extra: Record<string, unknown> = {},
  ) => ({
    groupId: group.id,
    description: 'Dinner',
    amount,
    date: '2025-03-10',
    paidByMemberId: group.members[0].id,
    method,
    splits,
    ...extra,
  });

  async function errorOf(client: ApiClient, query: string, variables: Record<string, unknown>) {
    const result = await client.gql(query, variables);
    expect({ variables, errors: result.errors?.length }).toEqual({ variables, errors: 1 });
    return result.errors![0].extensions;
  }

  it('splits by each method exactly, leftover cents to the earlier members', async () => {
    const group = await createGroup([{ name: 'Ann' }, { name: 'Ben' }, { name: 'Cat' }]);
    const [a, b, c] = group.members.map((m) => m.id);
    const parts = async (method: string, amount: string, splits: object[]) =>
      (
        await alice.data(ADD_EXPENSE, { input: expense(group, method, amount, splits as never) })
      ).addGroupExpense.splits.map((s: { amount: string }) => s.amount);
    expect(await parts('EQUAL', '10.00', [])).toEqual(['3.34', '3.33', '3.33']);
    expect(
      await parts('SHARES', '10.00', [
        { memberId: c, value: '1' },
        { memberId: a, value: '2' },
      ]),
    ).toEqual(['6.67', '3.33']);
    expect(
      await parts('EXACT', '10.00', [
        { memberId: b, value: '7.50' },
        { memberId: c, value: '2.50' },
      ]),
    ).toEqual(['7.50', '2.50']);
    expect(
      await parts('PERCENT', '0.10', [
        { memberId: a, value: '33.3333' },
        { memberId: b, value: '33.3333' },
        { memberId: c, value: '33.3334' },
      ]),
    ).toEqual(['0.03', '0.03', '0.04']);
    const { group: after } = await alice.data<{ group: Group }>(GET_GROUP, { id: group.id });
    // Ann paid 30.10 and owes 3.34 + 6.67 + 0.03; Ben owes 3.33 + 7.50 + 0.03; Cat the rest.
    expect(after.balances.map((x) => x.balance)).toEqual(['20.06', '-10.86', '-9.20']);
    expect(after.settlements).toMatchObject([
      { from: { name: 'Ben' }, to: { name: 'Ann' }, amount: '10.86' },
      { from: { name: 'Cat' }, to: { name: 'Ann' }, amount: '9.20' },
    ]);
  });

  it('refuses bad input with the field named', async () => {
    const group = await createGroup([{ name: 'Ann' }, { name: 'Ben' }]);
    const other = await createGroup([{ name: 'Zed' }]);
    const [a, b] = group.members.map((m) => m.id);
    const cases: [string, object, string][] = [
      [
        'PERCENT',
        [
          { memberId: a, value: '50' },
          { memberId: b, value: '49' },
        ],
        'splits',
      ],
      [
        'EXACT',
        [
          { memberId: a, value: '5.00' },
          { memberId: b, value: '3.00' },
        ],
        'splits',
      ],
      [
        'SHARES',
        [
          { memberId: a, value: '0' },
          { memberId: b, value: '1' },
        ],
        'splits.0.value',
      ],
      ['SHARES', [{ memberId: a, value: '-1' }], 'splits.0.value'],
      ['EQUAL', [{ memberId: '999999' }], 'splits.0.memberId'],
      ['EQUAL', [{ memberId: other.members[0].id }], 'splits.0.memberId'],
      ['EXACT', [{ memberId: a, value: '9.999' }], 'splits.0.value'],
    ];
    for (const [method, splits, field] of cases) {
      const extensions = await errorOf(alice, ADD_EXPENSE, {
        input: expense(group, method, '9.00', splits as never),
      });
      expect({ method, splits, ...extensions }).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(
      await errorOf(alice, ADD_EXPENSE, {
        input: expense(group, 'EQUAL', '9.00', [], { paidByMemberId: other.members[0].id }),
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paidByMemberId' });
    expect(
      await errorOf(alice, CREATE_GROUP, {
        input: {
          name: 'X',
          currency: 'EUR',
          members: [{ name: 'A' }, { name: 'B', iban: 'DE00123' }],
        },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'members.1.iban' });
    // Nothing was written by the refused expenses.
    const { group: after } = await alice.data<{ group: Group }>(GET_GROUP, { id: group.id });
    expect(after.balances.map((x) => x.balance)).toEqual(['0.00', '0.00']);
  });

  it('converts an expense in another currency with the stored rate', async () => {
    await alice.data(
      'mutation($input: ExchangeRateInput!) { setExchangeRate(input: $input) { rate } }',
      { input: { from: 'USD', to: 'EUR', date: '2025-03-01', rate: '0.9' } },
    );
    const group = await createGroup([{ name: 'Ann' }, { name: 'Ben' }]);
    const { addGroupExpense } = await alice.data(ADD_EXPENSE, {
      input: expense(
        group,
        'EXACT',
        '10.01',
        [
          { memberId: group.members[0].id, value: '5.00' },
          { memberId: group.members[1].id, value: '5.01' },
        ],
        { currency: 'USD' },
      ),
    });
    expect(addGroupExpense).toMatchObject({
      amount: '10.01',
      currency: 'USD',
      groupAmount: '9.01',
      rate: '0.9',
    });
    expect(addGroupExpense.splits.map((s: { amount: string }) => s.amount)).toEqual([
      '4.50',
      '4.51',
    ]);
  });

  it('keeps the other suggestions when one is recorded, and lists settlements', async () => {
    const group = await createGroup(['A', 'B', 'C', 'D'].map((name) => ({ name })));
    const [a, b, c, d] = group.members.map((m) => m.id);
    await alice.data(ADD_EXPENSE, {
      input: expense(group, 'EXACT', '90.00', [
        { memberId: a, value: '10.00' },
        { memberId: b, value: '50.00' },
        { memberId: c, value: '30.00' },
      ]),
    });
    await alice.data(ADD_EXPENSE, {
      input: expense(group, 'EXACT', '20.00', [{ memberId: c, value: '20.00' }], {
        paidByMemberId: d,
      }),
    });
    const { group: before } = await alice.data<{ group: Group }>(GET_GROUP, { id: group.id });
    expect(before.balances.map((x) => x.balance)).toEqual(['80.00', '-50.00', '-50.00', '20.00']);
    expect(before.settlements.map((t) => `${t.from.name}>${t.to.name}:${t.amount}`)).toEqual([
      'B>A:50.00',
      'C>A:30.00',
      'C>D:20.00',
    ]);
    const { recordSettlement } = await alice.data<{ recordSettlement: Group }>(RECORD, {
      input: {
        groupId: group.id,
        fromMemberId: c,
        toMemberId: a,
        amount: '30.00',
        date: '2025-03-11',
      },
    });
    expect(
      recordSettlement.settlements.map((t) => `${t.from.name}>${t.to.name}:${t.amount}`),
    ).toEqual(['B>A:50.00', 'C>D:20.00']);
    const { groupSettlements } = await alice.data(
      'query($g: ID!) { groupSettlements(groupId: $g) { totalCount nodes { from { name } to { name } amount date } } }',
      { g: group.id },
    );
    expect(groupSettlements).toEqual({
      totalCount: 1,
      nodes: [{ from: { name: 'C' }, to: { name: 'A' }, amount: '30.00', date: '2025-03-11' }],
    });
  });

  it('makes a payment request with an EPC QR for euros to a member with an IBAN', async () => {
    const group = await createGroup([
      { name: 'Ann', iban: 'DE89 3704 0044 0532 0130 00' },
      { name: 'Ben', email: 'ben@example.com' },
    ]);
    const [a, b] = group.members.map((m) => m.id);
    await alice.data(ADD_EXPENSE, { input: expense(group, 'EQUAL', '25.00', []) });
    const { paymentRequest } = await alice.data(
      'mutation($g: ID!, $f: ID!, $t: ID!) { paymentRequest(groupId: $g, fromMemberId: $f, toMemberId: $t) { text link epcQr epcPayload amount } }',
      { g: group.id, f: b, t: a },
    );
    expect(paymentRequest.amount).toBe('12.50');
    expect(paymentRequest.text).toBe(
      'Ben, please pay 12.50 EUR to Ann for "Trip". IBAN: DE89 3704 0044 0532 0130 00',
    );
    expect(paymentRequest.link).toMatch(/^mailto:ben%40example\.com\?subject=Trip/);
    expect(paymentRequest.epcPayload).toBe(
      'BCD\n002\n1\nSCT\n\nAnn\nDE89370400440532013000\nEUR12.50\n\n\nTrip: from Ben',
    );
    // The image a banking app scans reads back as exactly that payload.
    const png = PNG.sync.read(
      Buffer.from(paymentRequest.epcQr.replace('data:image/png;base64,', ''), 'base64'),
    );
    expect(png.width).toBe(png.height);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(paymentRequest.epcPayload);
    // No IBAN, or not euros: text and link only, no QR.
    const { paymentRequest: toBen } = await alice.data(
      'mutation($g: ID!, $f: ID!, $t: ID!, $a: Decimal) { paymentRequest(groupId: $g, fromMemberId: $f, toMemberId: $t, amount: $a) { text epcQr epcPayload } }',
      { g: group.id, f: a, t: b, a: '1.00' },
    );
    expect(toBen).toEqual({
      text: 'Ann, please pay 1.00 EUR to Ben for "Trip".',
      epcQr: null,
      epcPayload: null,
    });
    // EPC069-12 amounts stop at 999999999.99: one cent more is asked for in words only.
    const big = async (amount: string) =>
      (
        await alice.data(
          'mutation($g: ID!, $f: ID!, $t: ID!, $a: Decimal) { paymentRequest(groupId: $g, fromMemberId: $f, toMemberId: $t, amount: $a) { epcPayload } }',
          { g: group.id, f: b, t: a, a: amount },
        )
      ).paymentRequest.epcPayload;
    expect((await big('999999999.99'))?.split('\n')[7]).toBe('EUR999999999.99');
    expect(await big('1000000000.00')).toBeNull();
    // Ann owes nothing: no suggested transfer from her.
    expect(
      await errorOf(
        alice,
        'mutation($g: ID!, $f: ID!, $t: ID!) { paymentRequest(groupId: $g, fromMemberId: $f, toMemberId: $t) { text } }',
        { g: group.id, f: a, t: b },
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toMemberId' });
  });

  it("books a linked member's share in their own ledger and budget, and follows edits and deletes", async () => {
    // Alice and Bob share a household ledger, Bob as a VIEWER; the group lives there.
    const household = await createLedger(alice, 'Household');
    const bob = server().client();
    const bobUser = await signUp(bob, { currency: 'EUR' });
    await join(server().config.dataDir, alice, household, bob, 'VIEWER', bobUser);
    const stranger = await signUp(server().client());
    const group = await createGroup(
      [
        { name: 'Alice', email: aliceUser.email },
        { name: 'Bob', email: bobUser.email.toUpperCase() },
        { name: 'Stranger', email: stranger.email },
      ],
      'EUR',
      household,
    );
    expect(group.members.map((m) => m.user?.id ?? null)).toEqual([aliceUser.id, bobUser.id, null]);
    const spent = async (client: ApiClient) =>
      (await client.data(SPENT, { month: '2025-04' })).dashboard.spent;
    const aliceBefore = await spent(alice);
    const input = expense(
      group,
      'SHARES',
      '60.00',
      [
        { memberId: group.members[0].id, value: '1' },
        { memberId: group.members[1].id, value: '2' },
        { memberId: group.members[2].id, value: '3' },
      ],
      { date: '2025-04-02', category: 'Holidays' },
    );
    await bob.data(
      'mutation { setBudgetCategory(input: { category: "Holidays", targetAmount: "50", targetMonth: "2025-04" }) { id } }',
    );
    const { addGroupExpense } = await alice.data(ADD_EXPENSE, { input, ledgerId: household });
    expect(await spent(bob)).toBe('20.00');
    // His budget counts his share against the category's target.
    const { budgetCategories } = await bob.data(
      '{ budgetCategories(month: "2025-04") { category { name } targetAmount spent remaining } }',
    );
    expect(budgetCategories).toEqual([
      { category: { name: 'Holidays' }, targetAmount: '50.00', spent: '20.00', remaining: '30.00' },
    ]);
    expect(Number(await spent(alice)) - Number(aliceBefore)).toBe(10);
    const { transactions } = await bob.data(
      '{ transactions(filter: { month: "2025-04" }) { nodes { description amount category { name } } } }',
    );
    expect(transactions.nodes).toEqual([
      { description: 'Trip: Dinner', amount: '20.00', category: { name: 'Holidays' } },
    ]);

    const update = `mutation($id: ID!, $input: GroupExpenseInput!, $l: ID) {
      updateGroupExpense(id: $id, input: $input, ledgerId: $l) { id } }`;
    await alice.data(update, {
      id: addGroupExpense.id,
      input: { ...input, amount: '90.00' },
      l: household,
    });
    expect(await spent(bob)).toBe('30.00');
    // Bob no longer shares it: his copy goes.
    await alice.data(update, {
      id: addGroupExpense.id,
      input: { ...input, splits: [input.splits[0], input.splits[2]] },
      l: household,
    });
    expect(await spent(bob)).toBe('0.00');
    await alice.data(update, { id: addGroupExpense.id, input, l: household });
    expect(await spent(bob)).toBe('20.00');
    await alice.data('mutation($id: ID!, $l: ID) { deleteGroupExpense(id: $id, ledgerId: $l) }', {
      id: addGroupExpense.id,
      l: household,
    });
    expect(await spent(bob)).toBe('0.00');
    expect(await spent(alice)).toBe(aliceBefore);

    // A viewer of the ledger reads its groups but cannot write to them.
    const { groups } = await bob.data('query($l: ID) { groups(ledgerId: $l) { id } }', {
      l: household,
    });
    expect(groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect(await errorOf(bob, ADD_EXPENSE, { input, ledgerId: household })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it("books a share in the member's own currency with their own rates, and says so when one is missing", async () => {
    const household = await createLedger(alice, 'Yen and euro');
    const kenji = server().client();
    const kenjiUser = await signUp(kenji, { currency: 'JPY' });
    await join(server().config.dataDir, alice, household, kenji, 'EDITOR', kenjiUser);
    const group = await createGroup(
      [
        { name: 'Alice', email: aliceUser.email },
        { name: 'Kenji', email: kenjiUser.email },
      ],
      'EUR',
      household,
    );
    const input = expense(group, 'EQUAL', '30.00', [], { date: '2025-05-02' });
    const refused = await alice.gql(ADD_EXPENSE, { input, ledgerId: household });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message:
          "Kenji's share goes to their own ledger, which has no EUR->JPY exchange rate on or " +
          'before 2025-05-02: Kenji can enter one under Rates, or leave out their email',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'splits' }),
      }),
    ]);
    // Nothing was written: no group expense, no share.
    const { group: unchanged } = await alice.data<{ group: Group }>(
      'query($id: ID!, $l: ID) { group(id: $id, ledgerId: $l) { balances { balance } } }',
      { id: group.id, l: household },
    );
    expect(unchanged.balances.map((b) => b.balance)).toEqual(['0.00', '0.00']);

    await kenji.data(
      'mutation { setExchangeRate(input: { from: "EUR", to: "JPY", date: "2025-05-01", rate: "160" }) { rate } }',
    );
    await alice.data(ADD_EXPENSE, { input, ledgerId: household });
    const { transactions } = await kenji.data(
      '{ transactions(filter: { month: "2025-05" }) { nodes { description amount currency reportingAmount } } }',
    );
    expect(transactions.nodes).toEqual([
      { description: 'Trip: Dinner', amount: '15.00', currency: 'EUR', reportingAmount: '2400' },
    ]);
  });

  it("answers NOT_FOUND for another ledger's group", async () => {
    const group = await createGroup([{ name: 'Ann' }]);
    const eve = server().client();
    await signUp(eve);
    expect(await errorOf(eve, GET_GROUP, { id: group.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await errorOf(eve, 'mutation($id: ID!) { deleteGroup(id: $id) }', { id: group.id }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
