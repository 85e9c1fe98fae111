import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import { SecurityEventsDocument } from '../../graphql/graphql';
import { formatDateTime } from './format';
import { SecurityEvents } from './SecurityEvents';

const XSS = '<img src=x onerror=alert(1)>';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const event = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'AuditEvent' as const,
  id,
  type,
  ip: '::ffff:203.0.113.9',
  userAgent: CHROME,
  detail: null,
  createdAt: '2024-03-10T14:05:00.000Z',
  ...extra,
});

const answer = (...events: ReturnType<typeof event>[]) => ({
  request: { query: SecurityEventsDocument, variables: { limit: 20 } },
  result: { data: { securityEvents: events } },
});

test('each event: the time in the reader’s locale, the type in words, address and device', async () => {
  renderPage(<SecurityEvents />, {
    mocks: [
      answer(
        event('3', 'TOKEN_CREATED', { detail: XSS }),
        event('2', 'LOGIN_FAILED', { detail: 'password', ip: '2001:db8::7', userAgent: null }),
        event('1', 'LOGIN_SUCCEEDED', { createdAt: '2024-03-09T08:00:00.000Z' }),
      ),
    ],
  });
  expect(screen.getByText('Loading recent activity…')).toBeInTheDocument();
  const rows = (await screen.findAllByRole('row')).slice(1);
  expect(rows).toHaveLength(3);
  expect(within(rows[0]).getByRole('cell', { name: /API token created/ })).toHaveTextContent(
    `API token created: ${XSS}`,
  );
  expect(document.querySelector('img')).toBeNull();
  expect(rows[0]).toHaveTextContent('203.0.113.9');
  expect(rows[0]).not.toHaveTextContent('::ffff:');
  expect(rows[0]).toHaveTextContent('Chrome on Linux');
  expect(rows[1]).toHaveTextContent('Failed log-in: wrong username or password');
  expect(rows[1]).toHaveTextContent('2001:db8::7');
  const when = rows[2].querySelector('time') as HTMLTimeElement;
  expect(when).toHaveAttribute('datetime', '2024-03-09T08:00:00.000Z');
  expect(when).toHaveTextContent(formatDateTime('2024-03-09T08:00:00.000Z'));
  expect(rows[2]).toHaveTextContent('Logged in');
});

test('no events yet: says what will appear', async () => {
  renderPage(<SecurityEvents />, { mocks: [answer()] });
  expect(await screen.findByRole('heading', { name: 'Nothing yet' })).toBeInTheDocument();
});

test('a failed load says why and can be retried', async () => {
  renderPage(<SecurityEvents />, {
    mocks: [
      {
        request: { query: SecurityEventsDocument, variables: { limit: 20 } },
        result: {
          errors: [
            new GraphQLError('The server cannot reach its database', {
              extensions: { code: 'DATABASE_UNAVAILABLE' },
            }),
          ],
        },
      },
      answer(event('1', 'PASSWORD_CHANGED')),
    ],
  });
  expect(await screen.findByRole('alert')).toHaveTextContent('cannot reach its database');
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Password changed')).toBeInTheDocument();
});
