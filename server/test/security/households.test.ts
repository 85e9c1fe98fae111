import { createHash, randomBytes } from 'node:crypto';
import type { ApiClient, GraphQLResponse } from '../api-client';
import { signUp, type TestUser } from '../factories';
import { ACCEPT, createLedger, INVITE, invitationTokens, join } from '../households';
import { describeEachDatabase } from '../test-server';
import { bearer, createToken } from './helpers';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Arg {
  name: string;
  type: TypeRef;
}
interface SchemaType {
  name: string;
  kind: string;
  inputFields: Arg[] | null;
  enumValues: { name: string }[] | null;
}
interface Operation {
  name: string;
  args: Arg[];
  type: TypeRef;
}

const TYPE_REF =
  'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECT = `{ __schema {
  mutationType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  queryType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  types { name kind inputFields { name type { ${TYPE_REF} } } enumValues { name } }
} }`;

/**
 * Mutations that take a ledgerId and that a VIEWER may still call, each with its reason. Any
 * other mutation with a ledgerId must answer a VIEWER with FORBIDDEN: a new one is covered by
 * the loop below without being listed anywhere.
 */
const VIEWER_MAY = new Set([
  // Leaving takes the viewer's own access away; it writes nothing of the ledger's data.
  'leaveLedger',
  // A payment request is text and a QR code made from the group's balances; nothing is stored.
  'paymentRequest',
  // Asking answers questions from what the viewer may read; a write is only proposed to members
  // who may write, and confirmAssistantAction (the write) answers a viewer FORBIDDEN.
  'ask',
]);

const SCALARS: Record<string, string> = {
  ID: '"1"',
  String: '"x"',
  Int: '1',
  Float: '1',
  Boolean: 'true',
  Decimal: '"1"',
  Date: '"2024-01-01"',
  Month: '"2024-01"',
};

/** The smallest well-formed operation that calls `field` with every required argument. */
function operationFor(
  kind: 'mutation' | 'query',
  field: Operation,
  types: Map<string, SchemaType>,
  ledgerId: string,
): string {
  const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
  const literal = (ref: TypeRef, depth = 0): string => {
    if (ref.kind === 'NON_NULL') return literal(ref.ofType as TypeRef, depth);
    if (ref.kind === 'LIST') return `[${literal(ref.ofType as TypeRef, depth)}]`;
    const type = types.get(ref.name as string) as SchemaType;
    if (type.kind === 'ENUM') return (type.enumValues as { name: string }[])[0].name;
    if (type.kind === 'INPUT_OBJECT') {
      const fields = (type.inputFields ?? [])
        .filter((f) => f.type.kind === 'NON_NULL' && depth < 3)
        .map((f) => `${f.name}: ${literal(f.type, depth + 1)}`);
      return `{${fields.join(', ')}}`;
    }
    return SCALARS[ref.name as string] ?? '"x"';
  };
  const args = field.args
    .filter((a) => a.name === 'ledgerId' || a.type.kind === 'NON_NULL')
    .map((a) => `${a.name}: ${a.name === 'ledgerId' ? JSON.stringify(ledgerId) : literal(a.type)}`);
  const result = types.get(named(field.type).name as string) as SchemaType;
  const selection = result.kind === 'OBJECT' ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

async function schemaOf(client: ApiClient) {
  const { __schema } = await client.data(INTROSPECT);
  const types = new Map<string, SchemaType>(
    (__schema.types as SchemaType[]).map((t) => [t.name, t]),
  );
  const withLedger = (fields: Operation[]) =>
    fields.filter((f) => f.args.some((a) => a.name === 'ledgerId'));
  return {
    types,
    mutations: withLedger(__schema.mutationType.fields),
    queries: withLedger(__schema.queryType.fields),
  };
}

const codes = (answer: GraphQLResponse) => (answer.errors ?? []).map((e) => e.extensions?.code);

/**
 * The operations without a `ledgerId`, each with why it needs none. Every other one reads or
 * writes a ledger's data and must take the argument: a new operation that forgets it fails the
 * test below instead of silently acting on the personal ledger only.
 */
const WITHOUT_LEDGER: Record<string, string> = {
  // The caller's own account, sessions, tokens and settings: not a ledger's.
  me: 'account',
  apiTokens: 'account',
  createApiToken: 'account',
  revokeApiToken: 'account',
  securityEvents: 'account',
  userSettings: 'account',
  updateUserSettings: 'account',
  updateProfile: 'account',
  changePassword: 'account',
  beginTwoFactorSetup: 'account',
  confirmTwoFactorSetup: 'account',
  disableTwoFactor: 'account',
  register: 'account',
  login: 'account',
  logout: 'account',
  requestPasswordReset: 'account',
  resetPassword: 'account',
  notifications: "the caller's inbox",
  unreadNotificationCount: "the caller's inbox",
  markNotificationsRead: "the caller's inbox",
  // The bills calendar feed is a credential of the caller's, for their personal ledger's bills.
  createCalendarFeed: 'credential',
  revokeCalendarFeed: 'credential',
  // Ledgers themselves: the list, a new one, and invitations named by their secret token.
  ledgers: 'every ledger of the caller',
  createLedger: 'makes a new ledger',
  invitation: 'named by its token',
  acceptInvitation: 'named by its token',
  declineInvitation: 'named by its token',
  // Computed from the arguments alone.
  recurringPreview: 'no data read',
  webhookEvents: 'a fixed list',
};

// security.md, item 23: households.
describeEachDatabase('attack: households', (server) => {
  let owner: ApiClient;
  let viewer: ApiClient;
  let stranger: ApiClient;
  let ledgerId: string;
  let expenseId: string;
  const dataDir = () => server().config.dataDir;

  beforeAll(async () => {
    owner = server().client();
    viewer = server().client();
    stranger = server().client();
    await signUp(owner);
    await signUp(stranger);
    ledgerId = await createLedger(owner, 'Household');
    await join(dataDir(), owner, ledgerId, viewer, 'VIEWER');
    expenseId = (
      await owner.data(
        `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "Shared", amount: "10",
          category: "Food", date: "2024-03-03"}) { id } }`,
        { l: ledgerId },
      )
    ).addExpense.id;
  });

  /** Everything in the shared ledger, read back to prove that nothing changed. */
  const snapshot = () =>
    owner.data(
      `query($l: ID) { transactions(ledgerId: $l, first: 200) { nodes { id description amount } }
        accounts(ledgerId: $l) { id name balance } categories(ledgerId: $l) { id name }
        budgets(ledgerId: $l) { id amount } ledger(ledgerId: $l) { name members { user { id } role } } }`,
      { l: ledgerId },
    );

  test("a VIEWER's every mutation that takes a ledgerId answers FORBIDDEN, and nothing changes", async () => {
    const { mutations, types } = await schemaOf(viewer);
    expect(mutations.length).toBeGreaterThan(25);
    const before = await snapshot();
    const answers: Record<string, unknown[]> = {};
    for (const mutation of mutations.filter((m) => !VIEWER_MAY.has(m.name))) {
      const answer = await viewer.gql(operationFor('mutation', mutation, types, ledgerId));
      answers[mutation.name] = codes(answer);
    }
    const expected = Object.fromEntries(Object.keys(answers).map((name) => [name, ['FORBIDDEN']]));
    expect(answers).toEqual(expected);
    expect(await snapshot()).toEqual(before);
    // The same operations through the ledger switcher's header, without the argument.
    viewer.headers['x-ledger-id'] = ledgerId;
    const viaHeader = await viewer.gql(
      'mutation { addExpense(input: {description: "x", amount: "1", category: "Food", date: "2024-01-01"}) { id } }',
    );
    delete viewer.headers['x-ledger-id'];
    expect(codes(viaHeader)).toEqual(['FORBIDDEN']);
  });

  test('every query and mutation takes a ledgerId, except the listed ones that read no ledger', async () => {
    const { __schema } = await owner.data(
      '{ __schema { queryType { fields { name args { name } } } mutationType { fields { name args { name } } } } }',
    );
    const fields: { name: string; args: { name: string }[] }[] = [
      ...__schema.queryType.fields,
      ...__schema.mutationType.fields,
    ];
    const without = fields
      .filter((f) => !f.args.some((a) => a.name === 'ledgerId'))
      .map((f) => f.name)
      .sort();
    expect(without).toEqual(Object.keys(WITHOUT_LEDGER).sort());
  });

  test("another household's ledger: every operation with its ledgerId answers NOT_FOUND", async () => {
    const { mutations, queries, types } = await schemaOf(stranger);
    const answers: Record<string, unknown[]> = {};
    for (const [kind, fields] of [
      ['mutation', mutations],
      ['query', queries],
    ] as const) {
      for (const field of fields) {
        answers[field.name] = codes(await stranger.gql(operationFor(kind, field, types, ledgerId)));
      }
    }
    const expected = Object.fromEntries(Object.keys(answers).map((name) => [name, ['NOT_FOUND']]));
    expect(answers).toEqual(expected);
  });

  test("another household's record ids answer NOT_FOUND, exactly like made-up ids", async () => {
    const other = server().client();
    await signUp(other);
    const otherLedger = await createLedger(other, 'Other household');
    other.headers['x-ledger-id'] = otherLedger;
    const read = 'query($id: ID!) { transaction(id: $id) { id description } }';
    const update = `mutation($id: ID!) { updateTransaction(id: $id, input: {kind: EXPENSE,
      description: "Hijacked", amount: "1", date: "2024-01-01", category: "Food"}) { id } }`;
    const remove = 'mutation($id: ID!) { deleteTransaction(id: $id) }';
    for (const query of [read, update, remove]) {
      const foreign = await other.gql(query, { id: expenseId });
      const madeUp = await other.gql(query, { id: '987654321' });
      expect(codes(foreign)).toEqual(['NOT_FOUND']);
      expect(foreign).toEqual(madeUp);
    }
    const { transaction } = await owner.data(
      'query($id: ID!, $l: ID) { transaction(id: $id, ledgerId: $l) { description } }',
      { id: expenseId, l: ledgerId },
    );
    expect(transaction.description).toBe('Shared');
  });

  test('a removed member loses access at once, with an open session and with an API token', async () => {
    const member = server().client();
    const memberUser = await join(dataDir(), owner, ledgerId, member, 'EDITOR');
    const token = await createToken(member, 'WRITE');
    const script = bearer(server(), token.token);
    const read = 'query($l: ID) { transactions(ledgerId: $l) { totalCount } }';
    const write = `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "member",
      amount: "2", category: "Food", date: "2024-03-04"}) { id } }`;
    expect((await member.data(read, { l: ledgerId })).transactions.totalCount).toBeGreaterThan(0);
    expect((await script(read, { l: ledgerId })).data?.transactions.totalCount).toBeGreaterThan(0);
    expect(codes(await script(write, { l: ledgerId }))).toEqual([]);

    await owner.data(
      'mutation($l: ID!, $u: ID!) { removeLedgerMember(ledgerId: $l, userId: $u) }',
      {
        l: ledgerId,
        u: memberUser.id,
      },
    );
    for (const ask of [member.gql.bind(member), script]) {
      expect(codes(await ask(read, { l: ledgerId }))).toEqual(['NOT_FOUND']);
      expect(codes(await ask(write, { l: ledgerId }))).toEqual(['NOT_FOUND']);
    }
    member.headers['x-ledger-id'] = ledgerId;
    expect(codes(await member.gql('{ expenses { totalCount } }'))).toEqual(['NOT_FOUND']);
    delete member.headers['x-ledger-id'];
    // Their own ledger still works.
    expect((await member.data('{ expenses { totalCount } }')).expenses.totalCount).toBe(0);
    const cookie = [...member.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const exported = await fetch(`${server().url}/api/export?ledgerId=${ledgerId}`, {
      headers: { cookie },
    });
    expect(exported.status).toBe(404);
  });

  test('invitations cannot be guessed, reused, redirected or used after they expire; only hashes are stored', async () => {
    const guessed = [
      randomBytes(32).toString('base64url'),
      'short',
      '',
      'x'.repeat(43),
      `${'A'.repeat(42)}=`,
    ];
    for (const token of guessed) {
      expect((await stranger.gql(ACCEPT, { t: token })).errors?.[0]).toMatchObject({
        message: 'Invitation not found',
        extensions: { code: 'NOT_FOUND' },
      });
    }

    const invitee = server().client();
    const inviteeUser: TestUser = await signUp(invitee);
    await owner.data(INVITE, { l: ledgerId, e: inviteeUser.email, r: 'EDITOR' });
    const [token] = await invitationTokens(dataDir(), inviteeUser.email);
    const stored: { tokenHash: string }[] = await server().dataSource.query(
      'SELECT tokenHash FROM ledger_invitations',
    );
    expect(stored.map((r) => r.tokenHash)).toContain(
      createHash('sha256').update(token).digest('hex'),
    );
    expect(JSON.stringify(stored)).not.toContain(token);

    // Another signed-in address: refused, and the invitation stays usable by its addressee.
    const redirected = await stranger.gql(ACCEPT, { t: token });
    expect(redirected.errors?.[0]).toMatchObject({
      message:
        'This invitation was sent to another address and cannot be redirected: sign in with that address',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(
      codes(
        await stranger.gql('mutation($t: String!) { declineInvitation(token: $t) }', { t: token }),
      ),
    ).toEqual(['FORBIDDEN']);
    // An API token, even the addressee's, cannot accept: joining is for the person.
    const inviteeToken = await createToken(invitee, 'WRITE');
    expect(codes(await bearer(server(), inviteeToken.token)(ACCEPT, { t: token }))).toEqual([
      'FORBIDDEN',
    ]);

    expect((await invitee.data(ACCEPT, { t: token })).acceptInvitation).toEqual({
      id: ledgerId,
      name: 'Household',
      role: 'EDITOR',
    });
    expect((await invitee.gql(ACCEPT, { t: token })).errors?.[0]).toMatchObject({
      message: 'This invitation has already been used',
      extensions: { code: 'BAD_USER_INPUT', field: 'token' },
    });

    const late = server().client();
    const lateUser = await signUp(late);
    await owner.data(INVITE, { l: ledgerId, e: lateUser.email, r: 'VIEWER' });
    const [lateToken] = await invitationTokens(dataDir(), lateUser.email);
    await server().dataSource.query(
      "UPDATE ledger_invitations SET expiresAt = '2000-01-01 00:00:00' WHERE emailKey = ?",
      [lateUser.email.toLowerCase()],
    );
    expect((await late.gql(ACCEPT, { t: lateToken })).errors?.[0]).toMatchObject({
      message: 'This invitation has expired: ask for a new one',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await late.data('{ ledgers { id } }')).ledgers).toHaveLength(1);
  });

  test('only owners manage members: an EDITOR cannot invite, remove or promote', async () => {
    const editor = server().client();
    const editorUser = await join(dataDir(), owner, ledgerId, editor, 'EDITOR');
    const attempts = [
      editor.gql(INVITE, { l: ledgerId, e: 'friend@example.com', r: 'OWNER' }),
      editor.gql(
        'mutation($l: ID!, $u: ID!) { changeLedgerMemberRole(ledgerId: $l, userId: $u, role: OWNER) { id } }',
        { l: ledgerId, u: editorUser.id },
      ),
      editor.gql('mutation($l: ID!) { deleteLedger(ledgerId: $l) }', {
        l: ledgerId,
      }),
      editor.gql('query($l: ID) { pendingInvitations(ledgerId: $l) { id } }', { l: ledgerId }),
    ];
    for (const answer of await Promise.all(attempts)) expect(codes(answer)).toEqual(['FORBIDDEN']);
  });
});
