import { ApiClient } from '../../../test/api-client';
import { addExpense, signUp, type TestUser } from '../../../test/factories';
import { exportJson, restore } from '../../../test/exports';
import { ACCEPT, createLedger, INVITE, invitationTokens, join } from '../../../test/households';
import { describeEachDatabase } from '../../../test/test-server';

const LEDGERS =
  '{ ledgers { id name role personal members { user { id name } role email isYou } } }';
const ACTIVITY = `query($l: ID, $first: Int, $after: String) {
  ledgerActivity(ledgerId: $l, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id type actor { id name } subject { id name } transactionId description amount detail }
  }
}`;
const nameOf = (user: TestUser & { lastname?: string }) => `Test ${user.lastname}`;

describeEachDatabase('households: shared ledgers, members, invitations, activity', (server) => {
  let owner: ApiClient;
  let ownerUser: TestUser & { lastname?: string };

  beforeAll(async () => {
    owner = server().client();
    ownerUser = await signUp(owner);
    ownerUser.lastname = (await owner.data('{ me { lastname } }')).me.lastname;
  });

  const dataDir = () => server().config.dataDir;

  test('createLedger: listed after the personal ledger, with the creator as its only OWNER', async () => {
    const id = await createLedger(owner, 'Flat 3B');
    const { ledgers } = await owner.data(LEDGERS);
    expect(ledgers[0]).toMatchObject({ name: 'Personal', role: 'OWNER', personal: true });
    expect(ledgers.find((l: { id: string }) => l.id === id)).toEqual({
      id,
      name: 'Flat 3B',
      role: 'OWNER',
      personal: false,
      members: [
        {
          user: { id: ownerUser.id, name: nameOf(ownerUser) },
          role: 'OWNER',
          email: ownerUser.email,
          isYou: true,
        },
      ],
    });
    // The shared ledger starts like a personal one: categories and an account of its own.
    const shared = await owner.data(
      'query($l: ID) { categories(ledgerId: $l) { name } accounts(ledgerId: $l) { currency } }',
      { l: id },
    );
    expect(shared.categories.length).toBeGreaterThan(0);
    expect(shared.accounts).toEqual([{ currency: ownerUser.currency }]);
    expect(
      (await owner.gql('mutation { createLedger(name: "  ") { id } }')).errors?.[0],
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  test("a shared ledger reports in its own currency for every member, not in each caller's", async () => {
    const euro = server().client();
    await signUp(euro, { currency: 'EUR' });
    const ledgerId = await createLedger(euro, 'Euro home');
    const yen = server().client();
    await join(dataDir(), euro, ledgerId, yen, 'EDITOR');
    await yen.data('mutation { updateProfile(input: { currency: "JPY" }) { currency } }');

    // The yen member writes 12.34 EUR: reported in euros, with no EUR->JPY rate needed.
    const added = await yen.data(
      `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "Bread", amount: "12.34",
        category: "Food", date: "2024-07-03"}) { currency reportingAmount } }`,
      { l: ledgerId },
    );
    expect(added.addExpense).toEqual({ currency: 'EUR', reportingAmount: '12.34' });
    await euro.data(
      'mutation($l: ID) { setMonthlyBudget(ledgerId: $l, month: "2024-07", amount: "100.50") { amount } }',
      {
        l: ledgerId,
      },
    );
    const read = `query($l: ID) { ledger(ledgerId: $l) { currency }
      dashboard(ledgerId: $l, month: "2024-07") { budget spent }
      budgets(ledgerId: $l) { amount }
      transactions(ledgerId: $l) { nodes { reportingAmount } } }`;
    const expected = {
      ledger: { currency: 'EUR' },
      dashboard: { budget: '100.50', spent: '12.34' },
      budgets: [{ amount: '100.50' }],
      transactions: { nodes: [{ reportingAmount: '12.34' }] },
    };
    expect(await euro.data(read, { l: ledgerId })).toEqual(expected);
    expect(await yen.data(read, { l: ledgerId })).toEqual(expected);
    // Each member's personal ledger keeps their own currency.
    const currencies = async (client: ApiClient) =>
      (await client.data('{ ledgers { personal currency } }')).ledgers;
    expect(await currencies(yen)).toEqual([
      { personal: true, currency: 'JPY' },
      { personal: false, currency: 'EUR' },
    ]);

    // The creator may choose the currency; a code that is none is refused naming the field.
    const chosen = await euro.data(
      'mutation { createLedger(name: "Trip fund", currency: "chf") { currency } }',
    );
    expect(chosen.createLedger.currency).toBe('CHF');
    expect(
      (await euro.gql('mutation { createLedger(name: "Bad", currency: "EURO") { id } }'))
        .errors?.[0],
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'currency' } });
  });

  test("restoring an export into a shared ledger sets the ledger's currency, not the restorer's", async () => {
    const euro = server().client();
    await signUp(euro, { currency: 'EUR' });
    await addExpense(euro, { amount: '12.34', date: '2024-08-02', description: 'Bread' });
    await euro.data('mutation { setMonthlyBudget(month: "2024-08", amount: "100.50") { id } }');
    const document = await exportJson(euro);

    const yen = server().client();
    await signUp(yen, { currency: 'JPY' });
    const ledgerId = await createLedger(yen, 'Restored');
    yen.headers['x-ledger-id'] = ledgerId;
    const answer = await restore(yen, document);
    delete yen.headers['x-ledger-id'];
    expect(answer.errors).toBeUndefined();
    expect(
      await yen.data(
        `query($l: ID) { me { currency } ledger(ledgerId: $l) { currency }
          budgets(ledgerId: $l) { amount } expenses(ledgerId: $l) { nodes { reportingAmount } } }`,
        { l: ledgerId },
      ),
    ).toEqual({
      me: { currency: 'JPY' },
      ledger: { currency: 'EUR' },
      budgets: [{ amount: '100.50' }],
      expenses: { nodes: [{ reportingAmount: '12.34' }] },
    });
  });

  test('a member joins, writes through X-Ledger-Id, and everyone sees who wrote what', async () => {
    const ledgerId = await createLedger(owner, 'Shared groceries');
    const member = server().client();
    const memberUser = await join(dataDir(), owner, ledgerId, member, 'EDITOR');
    const { me } = await member.data('{ me { lastname } }');

    // The switcher's header: the member's plain addExpense lands in the shared ledger.
    member.headers['x-ledger-id'] = ledgerId;
    const expense = await addExpense(member, {
      amount: '12.34',
      date: '2024-05-02',
      description: 'Milk',
    });
    delete member.headers['x-ledger-id'];
    expect((await member.data('{ expenses { totalCount } }')).expenses.totalCount).toBe(0);

    const read = `query($l: ID) { transactions(ledgerId: $l) { nodes { id description
      createdBy { id name } updatedBy { id name } } } }`;
    const { transactions } = await owner.data(read, { l: ledgerId });
    expect(transactions.nodes).toEqual([
      {
        id: expense.id,
        description: 'Milk',
        createdBy: { id: memberUser.id, name: `Test ${me.lastname}` },
        updatedBy: { id: memberUser.id, name: `Test ${me.lastname}` },
      },
    ]);
    await owner.data(
      `mutation($id: ID!, $l: ID) { updateTransaction(id: $id, ledgerId: $l, input: {kind: EXPENSE,
        description: "Milk and bread", amount: "15", date: "2024-05-02", category: "Food"}) { id } }`,
      { id: expense.id, l: ledgerId },
    );
    const after = (await member.data(read, { l: ledgerId })).transactions.nodes[0];
    expect(after.createdBy.id).toBe(memberUser.id);
    expect(after.updatedBy).toEqual({ id: ownerUser.id, name: nameOf(ownerUser) });

    // Members see each other's names; only owners (and the member themself) see addresses.
    const ledgerOf = async (client: ApiClient) =>
      (await client.data(LEDGERS)).ledgers.find((l: { id: string }) => l.id === ledgerId);
    const seenByMember = await ledgerOf(member);
    expect(seenByMember.role).toBe('EDITOR');
    expect(seenByMember.members).toEqual([
      {
        user: { id: ownerUser.id, name: nameOf(ownerUser) },
        role: 'OWNER',
        email: null,
        isYou: false,
      },
      {
        user: { id: memberUser.id, name: `Test ${me.lastname}` },
        role: 'EDITOR',
        email: memberUser.email,
        isYou: true,
      },
    ]);
    expect((await ledgerOf(owner)).members[1].email).toBe(memberUser.email);

    const { ledgerActivity } = await member.data(ACTIVITY, { l: ledgerId, first: 50 });
    expect(ledgerActivity.nodes.map((n: { type: string }) => n.type)).toEqual([
      'TRANSACTION_UPDATED',
      'MEMBER_JOINED',
      'MEMBER_INVITED',
      'LEDGER_CREATED',
    ]);
    expect(ledgerActivity.nodes[0]).toMatchObject({
      actor: { id: ownerUser.id },
      transactionId: expense.id,
      description: 'Milk and bread',
      amount: '15.00',
    });
    expect(ledgerActivity.nodes[1]).toMatchObject({
      actor: { id: memberUser.id },
      subject: { id: memberUser.id },
      detail: 'EDITOR',
    });
    // The invited address is the owner's to see, not every member's.
    expect(ledgerActivity.nodes[2].detail).toBeNull();
    const ownerView = await owner.data(ACTIVITY, { l: ledgerId, first: 50 });
    expect(ownerView.ledgerActivity.nodes[2].detail).toBe(`${memberUser.email} as EDITOR`);
    expect(ledgerActivity.totalCount).toBe(4);

    // A deletion leaves no transaction behind: the activity says who deleted what, and how much.
    await member.data('mutation($id: ID!, $l: ID) { deleteTransaction(id: $id, ledgerId: $l) }', {
      id: expense.id,
      l: ledgerId,
    });
    const afterDelete = (await owner.data(ACTIVITY, { l: ledgerId, first: 50 })).ledgerActivity;
    expect(afterDelete.totalCount).toBe(4);
    expect(afterDelete.nodes[0]).toEqual({
      id: expect.any(String),
      type: 'TRANSACTION_DELETED',
      actor: { id: memberUser.id, name: `Test ${me.lastname}` },
      subject: null,
      transactionId: null,
      description: 'Milk and bread',
      amount: '15.00',
      detail: null,
    });
    expect(afterDelete.nodes.map((n: { type: string }) => n.type).slice(1)).toEqual([
      'MEMBER_JOINED',
      'MEMBER_INVITED',
      'LEDGER_CREATED',
    ]);
  });

  test('ledgerActivity pages without skipping or repeating, across transactions and events', async () => {
    const ledgerId = await createLedger(owner, 'Paged');
    owner.headers['x-ledger-id'] = ledgerId;
    for (let i = 1; i <= 5; i++) {
      await addExpense(owner, { amount: `${i}`, date: '2024-06-01', description: `Item ${i}` });
    }
    delete owner.headers['x-ledger-id'];
    const all = (await owner.data(ACTIVITY, { l: ledgerId, first: 200 })).ledgerActivity;
    expect(all.totalCount).toBe(6);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { ledgerActivity }: { ledgerActivity: any } = await owner.data(ACTIVITY, {
        l: ledgerId,
        first: 2,
        after,
      });
      seen.push(...ledgerActivity.nodes.map((n: { id: string }) => n.id));
      if (!ledgerActivity.pageInfo.hasNextPage) break;
      after = ledgerActivity.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n: { id: string }) => n.id));
    expect(all.nodes.map((n: { description: string | null }) => n.description)).toEqual([
      'Item 5',
      'Item 4',
      'Item 3',
      'Item 2',
      'Item 1',
      null,
    ]);
    expect((await owner.gql(ACTIVITY, { l: ledgerId, after: 'bogus' })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  test('roles: change, the last owner stays, hand-over, leave; decline', async () => {
    const ledgerId = await createLedger(owner, 'Roles');
    const member = server().client();
    const memberUser = await join(dataDir(), owner, ledgerId, member, 'VIEWER');
    const role = async (client: ApiClient) =>
      (await client.data('query($l: ID) { ledger(ledgerId: $l) { role } }', { l: ledgerId })).ledger
        .role;
    expect(await role(member)).toBe('VIEWER');

    const change = `mutation($l: ID!, $u: ID!, $r: Role!) { changeLedgerMemberRole(ledgerId: $l, userId: $u, role: $r) { id } }`;
    await owner.data(change, { l: ledgerId, u: memberUser.id, r: 'EDITOR' });
    expect(await role(member)).toBe('EDITOR');
    // Editors do not manage members.
    expect(
      (await member.gql(change, { l: ledgerId, u: ownerUser.id, r: 'VIEWER' })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    // The last owner can neither step down nor leave.
    expect(
      (await owner.gql(change, { l: ledgerId, u: ownerUser.id, r: 'EDITOR' })).errors?.[0],
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'role' },
    });
    const leave = 'mutation($l: ID!) { leaveLedger(ledgerId: $l) }';
    expect((await owner.gql(leave, { l: ledgerId })).errors?.[0]).toMatchObject({
      message: 'You are the last owner of this ledger: hand ownership over to another member first',
    });

    const transfer =
      'mutation($l: ID!, $u: ID!) { transferLedgerOwnership(ledgerId: $l, userId: $u) { role } }';
    expect(
      (await owner.data(transfer, { l: ledgerId, u: memberUser.id })).transferLedgerOwnership.role,
    ).toBe('EDITOR');
    expect(await role(member)).toBe('OWNER');
    expect(await role(owner)).toBe('EDITOR');
    expect((await owner.data(leave, { l: ledgerId })).leaveLedger).toBe(true);
    expect(
      (await owner.gql('query($l: ID) { ledger(ledgerId: $l) { id } }', { l: ledgerId }))
        .errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const types = (await member.data(ACTIVITY, { l: ledgerId })).ledgerActivity.nodes.map(
      (n: { type: string }) => n.type,
    );
    expect(types.slice(0, 3)).toEqual(['MEMBER_LEFT', 'OWNERSHIP_TRANSFERRED', 'ROLE_CHANGED']);

    // Declining ends the invitation: it cannot be accepted afterwards.
    const invitee = server().client();
    const inviteeUser = await signUp(invitee);
    await member.data(
      `mutation($l: ID!, $e: String!) { inviteToLedger(ledgerId: $l, email: $e, role: EDITOR) }`,
      { l: ledgerId, e: inviteeUser.email },
    );
    const [token] = await invitationTokens(dataDir(), inviteeUser.email);
    expect(
      (
        await invitee.data(
          'query($t: String!) { invitation(token: $t) { ledgerName role status email } }',
          { t: token },
        )
      ).invitation,
    ).toEqual({
      ledgerName: 'Roles',
      role: 'EDITOR',
      status: 'OPEN',
      email: inviteeUser.email,
    });
    expect(
      (await invitee.data('mutation($t: String!) { declineInvitation(token: $t) }', { t: token }))
        .declineInvitation,
    ).toBe(true);
    expect((await invitee.gql(ACCEPT, { t: token })).errors?.[0]).toMatchObject({
      message: 'This invitation has already been used',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await invitee.data(LEDGERS)).ledgers).toHaveLength(1);
  });

  test('pending invitations: listed for owners, replaced by a newer one, revocable', async () => {
    const ledgerId = await createLedger(owner, 'Pending');
    const pending =
      'query($l: ID) { pendingInvitations(ledgerId: $l) { id email role invitedBy { id } } }';
    const sentAt = Date.now();
    await owner.data(INVITE, { l: ledgerId, e: 'Friend@Example.com', r: 'VIEWER' });
    await owner.data(INVITE, { l: ledgerId, e: 'friend@example.com', r: 'EDITOR' });
    const list = (await owner.data(pending, { l: ledgerId })).pendingInvitations;
    expect(list).toEqual([
      {
        id: expect.any(String),
        email: 'friend@example.com',
        role: 'EDITOR',
        invitedBy: { id: ownerUser.id },
      },
    ]);
    const [older, newer] = await invitationTokens(dataDir(), 'friend@example.com', 2);
    expect(older).not.toBe(newer);
    // The replaced link is dead; the newer one lasts 7 days, as its mail says.
    const invitee = server().client();
    await signUp(invitee);
    const status = async (t: string) =>
      (await invitee.data('query($t: String!) { invitation(token: $t) { status } }', { t }))
        .invitation.status;
    expect([await status(older), await status(newer)]).toEqual(['REVOKED', 'OPEN']);
    expect((await invitee.gql(ACCEPT, { t: older })).errors?.[0]).toMatchObject({
      message:
        'This invitation was withdrawn or replaced by a newer one: use the latest link, or ask for a new one',
      extensions: { code: 'BAD_USER_INPUT', field: 'token' },
    });
    const { pendingInvitations: withExpiry } = await owner.data(
      'query($l: ID) { pendingInvitations(ledgerId: $l) { expiresAt } }',
      { l: ledgerId },
    );
    const lasts = Date.parse(withExpiry[0].expiresAt) - sentAt;
    expect(lasts).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(lasts).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);
    await owner.data('mutation($l: ID!, $id: ID!) { revokeInvitation(ledgerId: $l, id: $id) }', {
      l: ledgerId,
      id: list[0].id,
    });
    expect((await owner.data(pending, { l: ledgerId })).pendingInvitations).toEqual([]);
  });

  test('a ledger has at most 20 open invitations at once', async () => {
    const ledgerId = await createLedger(owner, 'Crowded');
    for (let i = 0; i < 20; i++) {
      await owner.data(INVITE, { l: ledgerId, e: `guest${i}@example.com`, r: 'VIEWER' });
    }
    const refused = await owner.gql(INVITE, {
      l: ledgerId,
      e: 'one-more@example.com',
      r: 'VIEWER',
    });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This ledger has 20 open invitations: revoke some first',
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });
    // Inviting an address again replaces its invitation, so it does not count twice.
    expect(
      (await owner.data(INVITE, { l: ledgerId, e: 'guest0@example.com', r: 'EDITOR' }))
        .inviteToLedger,
    ).toBe(true);
  });

  test('the personal ledger is never shared; a shared one is deleted only when empty', async () => {
    const { ledgers } = await owner.data(LEDGERS);
    const personal = ledgers[0].id;
    const invite = await owner.gql(INVITE, { l: personal, e: 'someone@example.com', r: 'EDITOR' });
    expect(invite.errors?.[0]).toMatchObject({
      message: 'Your personal ledger is yours alone: create a shared ledger to share with others',
      extensions: { code: 'BAD_USER_INPUT', field: 'ledgerId' },
    });
    const remove = 'mutation($l: ID!) { deleteLedger(ledgerId: $l) }';
    expect((await owner.gql(remove, { l: personal })).errors?.[0].extensions?.field).toBe(
      'ledgerId',
    );

    const full = await createLedger(owner, 'Has history');
    await owner.data(
      `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "x", amount: "1", category: "Food", date: "2024-01-01"}) { id } }`,
      { l: full },
    );
    expect((await owner.gql(remove, { l: full })).errors?.[0]).toMatchObject({
      message: 'Only an empty ledger can be deleted: this one holds 1 transaction',
    });
    const empty = await createLedger(owner, 'Empty');
    await owner.data(INVITE, { l: empty, e: 'later@example.com', r: 'EDITOR' });
    expect((await owner.data(remove, { l: empty })).deleteLedger).toBe(true);
    const names = (await owner.data(LEDGERS)).ledgers.map((l: { name: string }) => l.name);
    expect(names).toContain('Has history');
    expect(names).not.toContain('Empty');
  });

  test('X-Ledger-Id: an explicit ledgerId wins; a foreign or malformed header is NOT_FOUND; export follows it', async () => {
    const ledgerId = await createLedger(owner, 'Header');
    await owner.data(
      `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "Shared rent", amount: "700", category: "Rent", date: "2024-02-01"}) { id } }`,
      { l: ledgerId },
    );
    const client = new ApiClient(server().url);
    for (const [name, value] of owner.cookies) client.cookies.set(name, value);
    client.headers['x-ledger-id'] = ledgerId;
    expect((await client.data('{ expenses { nodes { description } } }')).expenses.nodes).toEqual([
      { description: 'Shared rent' },
    ]);
    const personal = (await owner.data(LEDGERS)).ledgers[0].id;
    const explicit = await client.data(
      'query($l: ID) { expenses(ledgerId: $l) { nodes { description } } }',
      { l: personal },
    );
    expect(
      explicit.expenses.nodes.map((n: { description: string }) => n.description),
    ).not.toContain('Shared rent');

    const stranger = server().client();
    await signUp(stranger);
    for (const value of [ledgerId, 'abc', '0', '99999999']) {
      stranger.headers['x-ledger-id'] = value;
      const answer = await stranger.gql('{ expenses { totalCount } }');
      expect(answer.errors).toEqual([
        expect.objectContaining({ message: 'Ledger not found', extensions: { code: 'NOT_FOUND' } }),
      ]);
    }

    const cookie = [...owner.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const exported = await fetch(`${server().url}/api/export?format=json`, {
      headers: { cookie, 'x-ledger-id': ledgerId },
    });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('Shared rent');
    const foreign = await fetch(`${server().url}/api/export?format=json`, {
      headers: {
        cookie: [...stranger.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
        'x-ledger-id': ledgerId,
      },
    });
    expect(foreign.status).toBe(404);
  });
});
