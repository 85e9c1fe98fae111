import { describeEachDatabase } from '../test-server';
import { bearer, codeOf, createToken, errorOf, userWithData } from './helpers';

// security.md, access control: items 1 to 3.
describeEachDatabase('attack: access control', (server) => {
  test("1. another user's expense, budget, target, category and token by id: NOT_FOUND, as for a missing id", async () => {
    const a = await userWithData(server());
    const b = await userWithData(server());
    const attempts: [string, string, string][] = [
      [`{ expense(id: "ID") { id } }`, a.expense.id, '999999'],
      [
        `mutation { updateExpense(id: "ID", input: {description: "x", amount: "1", category: "Food", date: "2024-03-02"}) { id } }`,
        a.expense.id,
        '999999',
      ],
      [`mutation { deleteExpense(id: "ID") }`, a.expense.id, '999999'],
      [`mutation { deleteBudgetCategory(id: "ID") }`, a.target.id, '999999'],
      [
        `mutation { renameCategory(id: "ID", name: "Mine") { id } }`,
        a.expense.category.id,
        '999999',
      ],
      [`mutation { deleteCategory(id: "ID") }`, a.expense.category.id, '999999'],
      [`mutation { revokeApiToken(id: "ID") }`, a.token.id, '999999'],
    ];
    for (const [template, theirs, missing] of attempts) {
      const stolen = errorOf(await b.client.gql(template.replace('ID', theirs)));
      const absent = errorOf(await b.client.gql(template.replace('ID', missing)));
      expect(stolen.extensions?.code).toBe('NOT_FOUND');
      expect(stolen.extensions).toEqual(absent.extensions);
      expect(stolen.message).toBe(absent.message);
    }
    // Nothing of A's changed, and A's token still works.
    const { expense } = await a.client.data(
      `{ expense(id: "${a.expense.id}") { description amount } }`,
    );
    expect(expense).toEqual({ description: 'Rent', amount: '1200.00' });
    const viaToken = await bearer(server(), a.token.token)('{ me { id } }');
    expect(viaToken.data).toEqual({ me: { id: a.user.id } });
  });

  test('2. an owner or user id smuggled into an input is a schema error; nothing is written', async () => {
    const a = await userWithData(server());
    const b = await userWithData(server());
    const result = await b.client.gql(
      `mutation { addExpense(input: {description: "x", amount: "1", category: "Food", date: "2024-03-02", userId: "${a.user.id}"}) { id } }`,
    );
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    const { expenses } = await a.client.data('{ expenses { totalCount } }');
    expect(expenses.totalCount).toBe(1);
  });

  test('3. a READ token cannot write; no token can manage tokens, two-factor, the password or the email', async () => {
    const owner = await userWithData(server());
    const read = bearer(server(), (await createToken(owner.client, 'READ')).token);
    const write = bearer(server(), owner.token.token);

    expect((await read('{ expenses { totalCount } }')).data).toEqual({
      expenses: { totalCount: 1 },
    });
    const refusedWrite = await read(
      'mutation { addExpense(input: {description: "x", amount: "1", category: "Food", date: "2024-03-02"}) { id } }',
    );
    expect(refusedWrite.status).toBe(403);
    expect(errorOf(refusedWrite)).toMatchObject({
      message: 'This API token can only read; writing needs a WRITE token',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await write('{ expenses { totalCount } }')).data).toEqual({
      expenses: { totalCount: 1 },
    });
    const written = await write(
      'mutation { addExpense(input: {description: "by script", amount: "2.50", category: "Food", date: "2024-03-02"}) { amount } }',
    );
    expect(written.data).toEqual({ addExpense: { amount: '2.50' } });

    const accountOperations = [
      'mutation { createApiToken(name: "more", scope: WRITE) { token } }',
      `mutation { revokeApiToken(id: "${owner.token.id}") }`,
      '{ apiTokens { id } }',
      'mutation { changePassword(currentPassword: "correct horse battery", newPassword: "another password") }',
      'mutation { updateProfile(input: {email: "thief@example.com"}) { email } }',
      'mutation { beginTwoFactorSetup { secret } }',
      'mutation { disableTwoFactor(password: "correct horse battery", code: "000000") }',
    ];
    for (const query of accountOperations) {
      for (const client of [read, write]) {
        const result = await client(query);
        expect(codeOf(result)).toBe('FORBIDDEN');
      }
    }
    // The profile's email is untouched; a WRITE token may still rename.
    expect(
      (await write('mutation { updateProfile(input: {firstname: "Renamed"}) { firstname email } }'))
        .data,
    ).toEqual({ updateProfile: { firstname: 'Renamed', email: owner.user.email } });
  });

  test('tokens: shown once, stored hashed, listed without the secret; revoked and expired ones are refused', async () => {
    const owner = await userWithData(server());
    const { apiTokens } = await owner.client.data(
      '{ apiTokens { id name scope createdAt lastUsedAt expiresAt } }',
    );
    expect(apiTokens).toHaveLength(1);
    expect(JSON.stringify(apiTokens)).not.toContain(owner.token.token);
    expect(owner.token.token).toMatch(/^pft_[A-Za-z0-9_-]{43}$/);
    const stored = await server().dataSource.query('SELECT tokenHash FROM api_tokens');
    expect(JSON.stringify(stored)).not.toContain(owner.token.token.slice(4));

    const use = bearer(server(), owner.token.token);
    expect((await use('{ me { id } }')).data).toEqual({ me: { id: owner.user.id } });
    const used = (await owner.client.data('{ apiTokens { lastUsedAt } }')).apiTokens[0].lastUsedAt;
    expect(Date.now() - Date.parse(used)).toBeLessThan(60_000);

    await owner.client.data(`mutation { revokeApiToken(id: "${owner.token.id}") }`);
    const revoked = await use('{ me { id } }');
    expect(revoked.status).toBe(401);
    expect(errorOf(revoked)).toMatchObject({
      message: 'This API token is not valid',
      extensions: { code: 'UNAUTHENTICATED' },
    });

    const expiring = await createToken(owner.client, 'READ', '2999-12-31');
    expect((await bearer(server(), expiring.token)('{ me { id } }')).data).toEqual({
      me: { id: owner.user.id },
    });
    await server().dataSource.query(
      `UPDATE api_tokens SET expiresAt = '2000-01-01 00:00:00' WHERE id = ${Number(expiring.id)}`,
    );
    expect(codeOf(await bearer(server(), expiring.token)('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await bearer(server(), 'pft_' + 'A'.repeat(43))('{ me { id } }'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await bearer(server(), 'not a token')('{ me { id } }'))).toBe('UNAUTHENTICATED');
    const past = await owner.client.gql(
      'mutation { createApiToken(name: "old", scope: READ, expiresAt: "2001-01-01") { token } }',
    );
    expect(errorOf(past).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
  });
});
