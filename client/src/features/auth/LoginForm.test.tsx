import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage, USER } from '../../../test/render';
import { LoginDocument } from '../../graphql/graphql';
import { LoginForm } from './LoginForm';

test('is a real form posting the original fields to /login', () => {
  const { container } = renderPage(<LoginForm />, { user: null, path: '/login' });
  const form = container.querySelector('form') as HTMLFormElement;
  expect(form).toHaveAttribute('action', '/login');
  expect(form).toHaveAttribute('method', 'post');
  expect(screen.getByLabelText('Username or email')).toHaveAttribute('name', 'username');
  expect(screen.getByLabelText('Password')).toHaveAttribute('name', 'password');
});

test('says what is missing, next to each field', async () => {
  renderPage(<LoginForm />, { user: null, path: '/login' });
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  expect(screen.getByLabelText('Username or email')).toHaveAccessibleDescription(
    'Enter your username or email',
  );
  expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
  expect(screen.getByLabelText('Username or email')).toHaveFocus();
});

test('logs in through GraphQL and goes on to the page asked for', async () => {
  renderPage(<LoginForm />, {
    user: null,
    path: '/login?next=%2Fexpenses%3Fmonth%3D2024-03',
    mocks: [
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'secret pass', otp: null },
        },
        result: { data: { login: USER } },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Username or email'), ' ada ');
  await userEvent.type(screen.getByLabelText('Password'), 'secret pass');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() =>
    expect(screen.getByTestId('location')).toHaveTextContent('/expenses?month=2024-03'),
  );
});

test('never follows a next= to another site', async () => {
  renderPage(<LoginForm />, {
    user: null,
    path: '/login?next=%2F%2Fevil.example',
    mocks: [
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'secret pass', otp: null },
        },
        result: { data: { login: USER } },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Username or email'), 'ada');
  await userEvent.type(screen.getByLabelText('Password'), 'secret pass');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/dashboard$/));
});

test("shows the server's refusal as the flash", async () => {
  renderPage(<LoginForm />, {
    user: null,
    path: '/login',
    mocks: [
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'wrong pass', otp: null },
        },
        result: {
          errors: [
            new GraphQLError('Invalid username or password', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ],
        },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Username or email'), 'ada');
  await userEvent.type(screen.getByLabelText('Password'), 'wrong pass');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent('Invalid username or password');
  expect(screen.getByTestId('location')).toHaveTextContent('/login');
});

test('asks for the authenticator code when the account has two-factor sign-in', async () => {
  renderPage(<LoginForm />, {
    user: null,
    path: '/login',
    mocks: [
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'secret pass', otp: null },
        },
        result: {
          errors: [
            new GraphQLError('Enter the code from your authenticator app', {
              extensions: { code: 'UNAUTHENTICATED', field: 'otp', twoFactorRequired: true },
            }),
          ],
        },
      },
      {
        request: {
          query: LoginDocument,
          variables: { username: 'ada', password: 'secret pass', otp: '123456' },
        },
        result: { data: { login: USER } },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Username or email'), 'ada');
  await userEvent.type(screen.getByLabelText('Password'), 'secret pass');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  const code = await screen.findByLabelText('Authenticator code');
  expect(code).toHaveAttribute('name', 'otp');
  await userEvent.type(code, '123456');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboard'));
});
