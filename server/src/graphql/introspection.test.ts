import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { GraphQLResponse } from '../../test/api-client';
import { signUp } from '../../test/factories';
import { errorOf } from '../../test/security/helpers';
import { testDrivers } from '../../test/databases';
import {
  createTestDatabase,
  describeEachDatabase,
  startTestServer,
  type TestServer,
} from '../../test/test-server';

// The documents GraphiQL 5 sends for its docs pane and autocomplete (@graphiql/react's schema
// store): getIntrospectionQuery with its props' options, under its operation name, and the same
// without `subscriptionType` as its fallback for servers that refuse that field.
const GRAPHIQL_DEFAULT = getIntrospectionQuery({
  inputValueDeprecation: false,
  schemaDescription: false,
});
const DOCUMENTS = {
  'graphql-js default': getIntrospectionQuery(),
  'GraphiQL 5 default': GRAPHIQL_DEFAULT,
  'GraphiQL 5 fallback': GRAPHIQL_DEFAULT.replace('subscriptionType { name }', ''),
  'GraphiQL 5 with options': getIntrospectionQuery({
    inputValueDeprecation: true,
    schemaDescription: true,
  }),
  'every option': getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  }),
};

async function post(server: TestServer, body: unknown, cookie?: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: IntrospectionQuery;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

const messagesOf = (result: GraphQLResponse) => result.errors?.map((e) => e.message) ?? [];

/** A document whose fields nest `levels` deep; the limits count before types are checked. */
const nested = (levels: number) => `{ me ${'{ id '.repeat(levels)}${'}'.repeat(levels)} }`;

function expectFullSchema(data: IntrospectionQuery | undefined) {
  const schema = buildClientSchema(data as IntrospectionQuery);
  expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
    expect.arrayContaining(['dashboard', 'expenses', 'me']),
  );
  expect(Object.keys(schema.getMutationType()!.getFields())).toContain('addExpense');
}

describeEachDatabase('introspection and the depth limit', (server) => {
  test.each(Object.entries(DOCUMENTS))(
    'the schema query GraphiQL sends (%s) is answered in full',
    async (_name, query) => {
      const result = await post(server(), { query, operationName: 'IntrospectionQuery' });
      expect(result.body.errors).toBeUndefined();
      expect(result.status).toBe(200);
      expectFullSchema(result.body.data);
    },
  );

  test('data queries nested 11 levels are refused; 10 levels pass the limit', async () => {
    const client = server().client();
    const eleven = await client.gql(nested(11));
    expect(eleven.status).toBe(400);
    expect(eleven.errors).toContainEqual({
      message: 'Query is nested 11 levels deep; the limit is 10',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const ten = await client.gql(nested(10));
    expect(JSON.stringify(ten.errors)).not.toContain('levels deep');
  });

  test('a query mixing introspection and data is measured on its data fields', async () => {
    const client = server().client();
    await signUp(client);
    // The full schema query (14 levels) with data fields beside it.
    const mixed = await client.gql(
      DOCUMENTS['GraphiQL 5 default'].replace(
        'query IntrospectionQuery {',
        'query IntrospectionQuery { me { username } dashboard { month }',
      ),
    );
    expect(mixed.errors).toBeUndefined();
    expect(mixed.data?.me.username).toMatch(/^user_/);
    expect(mixed.data?.__schema.types.length).toBeGreaterThan(10);

    const deepData = await client.gql(
      `{ __typename ${nested(11).slice(1, -1)} __schema { queryType { name } } }`,
    );
    expect(messagesOf(deepData)).toContain('Query is nested 11 levels deep; the limit is 10');
  });

  test('introspection is no way around the limits on data, nor a cost of its own', async () => {
    const client = server().client();
    // Aliases count wherever they are written.
    const aliased = Array.from({ length: 16 }, (_, i) => `t${i}: __type(name: "Query") { name }`);
    expect(errorOf(await client.gql(`{ ${aliased.join(' ')} }`)).message).toBe(
      'Query uses 16 aliases; the limit is 15',
    );
    // The recursion through fields and types (graphql-js's MaxIntrospectionDepthRule).
    const recursive = await client.gql(
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }',
    );
    expect(errorOf(recursive).message).toBe('Maximum introspection depth exceeded');
    // Introspection has its own depth limit, above the standard query's 14 levels.
    const ofTypes = `{ __type(name: "Query") ${'{ ofType '.repeat(15)}{ name }${' }'.repeat(15)} }`;
    expect(errorOf(await client.gql(ofTypes)).message).toBe(
      'Introspection is nested 16 levels deep; the limit is 15',
    );
    // Data fields cannot hide under an introspection field: they are not on its types.
    const smuggled = await client.gql('{ __type(name: "Query") { me { id } } }');
    expect(errorOf(smuggled).message).toBe('Cannot query field "me" on type "__Type".');
  });
});

describe.each(testDrivers())('introspection policy with the schema query [%s]', (driver) => {
  test.each(['signed-in', 'off'] as const)(
    "production, GRAPHQL_INTROSPECTION=%s: GraphiQL's schema query follows the policy",
    async (policy) => {
      const database = await createTestDatabase(driver);
      database.config.nodeEnv = 'production';
      database.config.introspection = policy;
      const server = await startTestServer(database);
      try {
        const body = {
          query: DOCUMENTS['GraphiQL 5 default'],
          operationName: 'IntrospectionQuery',
        };
        const anonymous = await post(server, body);
        expect(anonymous.status).toBe(403);
        expect(anonymous.body.errors?.[0]).toMatchObject({
          message: 'Introspection is not available to this caller',
          extensions: { code: 'FORBIDDEN' },
        });
        const member = server.client();
        await signUp(member);
        const cookie = [...member.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
        const signedIn = await post(server, body, cookie);
        if (policy === 'signed-in') {
          expect(signedIn.body.errors).toBeUndefined();
          expectFullSchema(signedIn.body.data);
        } else {
          expect(signedIn.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
          expect(signedIn.body.data).toBeUndefined();
        }
        // The separate introspection budget does not open the data limits in production either.
        const deep = await member.gql(nested(11));
        expect(messagesOf(deep)).toContain('Query is nested 11 levels deep; the limit is 10');
      } finally {
        await server.stop();
        await database.drop();
      }
    },
  );
});
