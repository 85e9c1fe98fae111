import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import { formatWait } from '../../components/RateLimit';
import { LoginDocument, RequestPasswordResetDocument } from '../../graphql/graphql';
import { ForgotPasswordPage } from '../../pages/ForgotPasswordPage';
import { LoginForm } from './LoginForm';

const limited = (seconds: number) => ({
  errors: [
    new GraphQLError(`Too many attempts; try again in ${seconds} seconds`, {
      extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds },
    }),
  ],
});

afterEach(() => jest.useRealTimers());

test('waits read as words, rounded up', () => {
  expect(formatWait(0.2)).toBe('1 second');
  expect(formatWait(45)).toBe('45 seconds');
  expect(formatWait(60)).toBe('1 minute');
  expect(formatWait(61)).toBe('2 minutes');
  expect(formatWait(900)).toBe('15 minutes');
  expect(formatWait(6 * 3600)).toBe('6 hours');
});

test('log-in: too many attempts shows the wait and holds the button until it is over', async () => {
  jest.useFakeTimers({ now: Date.parse('2024-03-10T14:00:00Z') });
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  renderPage(<LoginForm />, {
    user: null,
    path: '/login',
    mocks: [
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'guess', otp: null },
        },
        result: limited(900),
      },
    ],
  });
  await user.type(screen.getByLabelText('Username or email'), 'ada');
  await user.type(screen.getByLabelText('Password'), 'guess');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  const notice = await screen.findByRole('alert');
  expect(notice).toHaveTextContent(
    /Too many attempts\. For your safety, logging in is paused: try again in 15 minutes \(at .+\)\./,
  );
  expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled();
  expect(screen.queryByTestId('flash')).toBeNull();

  act(() => jest.advanceTimersByTime(899_000));
  expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled();
  act(() => jest.advanceTimersByTime(1_000));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled());
  expect(screen.queryByTestId('rate-limit')).toBeNull();
});

test('forgot password: too many requests shows the wait instead of “sent”', async () => {
  renderPage(<ForgotPasswordPage />, {
    user: null,
    path: '/forgot_password',
    mocks: [
      {
        request: { query: RequestPasswordResetDocument, variables: { email: 'ada@example.com' } },
        result: limited(42),
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
  await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
  expect(await screen.findByTestId('rate-limit')).toHaveTextContent(
    'sending reset links is paused: try again in 42 seconds',
  );
  expect(screen.getByRole('button', { name: 'Send reset link' })).toBeDisabled();
  expect(screen.getByTestId('location')).toHaveTextContent('/forgot_password');
  expect(screen.getByTestId('location')).not.toHaveTextContent('sent');
});

test('other refusals still go to the flash', async () => {
  renderPage(<ForgotPasswordPage />, {
    user: null,
    path: '/forgot_password',
    mocks: [
      {
        request: { query: RequestPasswordResetDocument, variables: { email: 'ada@example.com' } },
        error: new TypeError('Failed to fetch'),
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
  await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent('Cannot reach the server');
  expect(screen.queryByTestId('rate-limit')).toBeNull();
  expect(screen.getByRole('button', { name: 'Send reset link' })).toBeEnabled();
});
