import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage, USER } from '../../../test/render';
import { LoginDocument } from '../../graphql/graphql';
import { LoginForm } from './LoginForm';

const login = (otp: string | null) => ({
  query: LoginDocument,
  variables: { username: 'ada', password: 'secret pass', otp },
});

test('the code is asked for as a next step; a wrong one is an error; a recovery code can be typed', async () => {
  renderPage(<LoginForm />, {
    user: null,
    path: '/login',
    mocks: [
      {
        request: login(null),
        result: {
          errors: [
            new GraphQLError('Enter the code from your authenticator app', {
              extensions: { code: 'UNAUTHENTICATED', field: 'otp', twoFactorRequired: true },
            }),
          ],
        },
      },
      {
        request: login('123456'),
        result: {
          errors: [
            new GraphQLError('That code is not right', {
              extensions: { code: 'UNAUTHENTICATED', field: 'otp' },
            }),
          ],
        },
      },
      { request: login('abcde-12345'), result: { data: { login: USER } } },
    ],
  });
  await userEvent.type(screen.getByLabelText('Username or email'), 'ada');
  await userEvent.type(screen.getByLabelText('Password'), 'secret pass');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  const code = await screen.findByLabelText('Authenticator code');
  await waitFor(() => expect(code).toHaveFocus());
  expect(code).not.toHaveAttribute('aria-invalid');
  expect(code).toHaveAccessibleDescription(
    'The 6-digit code from your app, or one of your recovery codes',
  );
  // Recovery codes have letters: no numeric-only keyboard.
  expect(code).not.toHaveAttribute('inputmode', 'numeric');

  await userEvent.type(code, '123456');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
  expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not right'));

  await userEvent.clear(code);
  await userEvent.type(code, 'abcde-12345');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboard'));
});
