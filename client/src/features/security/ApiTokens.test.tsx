import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
} from '../../graphql/graphql';
import { ApiTokens } from './ApiTokens';

const XSS = '<img src=x onerror=alert(1)>';
const SECRET = `pft_${'a'.repeat(43)}`;

const token = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'ApiToken' as const,
  id,
  name,
  scope: 'READ' as const,
  createdAt: '2024-03-10T14:05:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  ...extra,
});

const listed = (...tokens: ReturnType<typeof token>[]) => ({
  request: { query: ApiTokensDocument },
  result: { data: { apiTokens: tokens } },
});

test('no tokens yet: says so, and offers the form', async () => {
  renderPage(<ApiTokens />, { mocks: [listed()] });
  expect(screen.getByText('Loading your tokens…')).toBeInTheDocument();
  expect(await screen.findByRole('heading', { name: 'No API tokens yet' })).toBeInTheDocument();
  expect(screen.getByLabelText('Name')).toHaveAttribute('name', 'name');
  expect(screen.getByRole('radio', { name: /Read only/ })).toBeChecked();
  expect(screen.getByLabelText('Expires on (optional)')).toHaveAttribute('type', 'date');
});

test('lists each token: name as text, access, created, last used, expiry', async () => {
  renderPage(<ApiTokens />, {
    mocks: [
      listed(
        token('2', XSS, { scope: 'WRITE', expiresAt: '2100-01-01T00:00:00.000Z' }),
        token('1', 'Backup', { lastUsedAt: '2024-03-11T09:00:00.000Z' }),
      ),
    ],
  });
  const rows = await screen.findAllByRole('row');
  expect(rows).toHaveLength(3);
  const [, first, second] = rows;
  expect(within(first).getByText(XSS)).toBeInTheDocument();
  expect(document.querySelector('img')).toBeNull();
  expect(first).toHaveTextContent('Read and write');
  expect(first).toHaveTextContent('End of Dec 31, 2099 (UTC)');
  expect(first.querySelector('td[data-label="Last used"]')).toHaveTextContent('Never');
  expect(second).toHaveTextContent('Read only');
  expect(second.querySelector('td[data-label="Expires"]')).toHaveTextContent('Never');
  expect(second.querySelector('td[data-label="Last used"] time')).toHaveAttribute(
    'datetime',
    '2024-03-11T09:00:00.000Z',
  );
});

test('a token past its expiry is marked', async () => {
  renderPage(<ApiTokens />, {
    mocks: [listed(token('1', 'Old', { expiresAt: '2020-01-01T00:00:00.000Z' }))],
  });
  expect(await screen.findByText('Expired')).toBeInTheDocument();
});

test('a failed load says why and can be retried', async () => {
  renderPage(<ApiTokens />, {
    mocks: [
      {
        request: { query: ApiTokensDocument },
        result: { errors: [new GraphQLError('Nope', { extensions: { code: 'FORBIDDEN' } })] },
      },
      listed(token('1', 'Backup')),
    ],
  });
  expect(await screen.findByRole('alert')).toHaveTextContent('Nope');
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Backup')).toBeInTheDocument();
});

test('creates a token, shows its secret once with a copy button, and lists it', async () => {
  const user = userEvent.setup();
  renderPage(<ApiTokens />, {
    mocks: [
      listed(),
      {
        request: {
          query: CreateApiTokenDocument,
          variables: { name: 'Export', scope: 'WRITE', expiresAt: '2099-12-31' },
        },
        result: {
          data: {
            createApiToken: {
              __typename: 'CreatedApiToken',
              token: SECRET,
              apiToken: token('7', 'Export', { scope: 'WRITE' }),
            },
          },
        },
      },
    ],
  });
  await screen.findByRole('heading', { name: 'No API tokens yet' });
  await user.click(screen.getByRole('button', { name: 'Create token' }));
  expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
    expect.stringContaining('Name the token after the script that will use it'),
  );
  expect(screen.getByLabelText('Name')).toHaveFocus();
  await user.type(screen.getByLabelText('Name'), '  Export ');
  await user.click(screen.getByRole('radio', { name: /Read and write/ }));
  await user.type(screen.getByLabelText('Expires on (optional)'), '2099-12-31');
  await user.click(screen.getByRole('button', { name: 'Create token' }));

  const secret = await screen.findByLabelText('Token “Export”');
  expect(secret).toHaveValue(SECRET);
  expect(secret).toHaveAttribute('readonly');
  expect(screen.getByTestId('token-secret')).toHaveTextContent('you will not see it again');
  expect(screen.getByTestId('flash')).toHaveTextContent('Token “Export” created.');
  await user.click(screen.getByRole('button', { name: 'Copy token' }));
  expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();
  expect(await navigator.clipboard.readText()).toBe(SECRET);
  // The list follows without another request.
  expect(screen.getByRole('button', { name: 'Revoke Export' })).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Done, I have saved it' }));
  expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  expect(document.body).not.toHaveTextContent(SECRET);
  expect(screen.getByLabelText('Name')).toHaveValue('');
});

test("the server's refusal of a field is shown beside it", async () => {
  renderPage(<ApiTokens />, {
    mocks: [
      listed(),
      {
        request: {
          query: CreateApiTokenDocument,
          variables: { name: 'x'.repeat(20), scope: 'READ', expiresAt: null },
        },
        result: {
          errors: [
            new GraphQLError('Name is already used', {
              extensions: { code: 'BAD_USER_INPUT', field: 'name' },
            }),
          ],
        },
      },
    ],
  });
  await screen.findByRole('heading', { name: 'No API tokens yet' });
  await userEvent.type(screen.getByLabelText('Name'), 'x'.repeat(20));
  await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
  await waitFor(() =>
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      expect.stringContaining('Name is already used'),
    ),
  );
});

test('revoking asks first; keeping it changes nothing; yes revokes and says so', async () => {
  renderPage(<ApiTokens />, {
    mocks: [
      listed(token('1', XSS), token('2', 'Backup')),
      {
        request: { query: RevokeApiTokenDocument, variables: { id: '1' } },
        result: { data: { revokeApiToken: true } },
      },
    ],
  });
  await userEvent.click(await screen.findByRole('button', { name: `Revoke ${XSS}` }));
  const confirm = screen.getByRole('group', { name: `Revoke “${XSS}”?` });
  expect(confirm).toHaveTextContent('Scripts using it stop working at once.');
  expect(within(confirm).getByRole('button', { name: 'Yes, revoke' })).toHaveFocus();
  await userEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
  expect(screen.getAllByRole('row')).toHaveLength(3);

  await userEvent.click(screen.getByRole('button', { name: `Revoke ${XSS}` }));
  await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent(`Token “${XSS}” revoked.`);
  await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
  expect(screen.getByText('Backup')).toBeInTheDocument();
  expect(document.querySelector('img')).toBeNull();
});

test('a failed revoke says why and keeps the token listed', async () => {
  renderPage(<ApiTokens />, {
    mocks: [
      listed(token('1', 'Backup')),
      {
        request: { query: RevokeApiTokenDocument, variables: { id: '1' } },
        result: {
          errors: [new GraphQLError('API token not found', { extensions: { code: 'NOT_FOUND' } })],
        },
      },
    ],
  });
  await userEvent.click(await screen.findByRole('button', { name: 'Revoke Backup' }));
  await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent('API token not found');
  expect(screen.getByText('Backup')).toBeInTheDocument();
});
