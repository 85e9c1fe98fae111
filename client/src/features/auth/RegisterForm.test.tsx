import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import { RegisterDocument } from '../../graphql/graphql';
import { RegisterForm } from './RegisterForm';

const fill = async (values: Record<string, string>) => {
  for (const [label, value] of Object.entries(values)) {
    await userEvent.type(screen.getByLabelText(label), value);
  }
};

test("posts the original's field names to /register", () => {
  const { container } = renderPage(<RegisterForm />, { user: null });
  expect(container.querySelector('form')).toHaveAttribute('action', '/register');
  const names = [...container.querySelectorAll('input, select')].map((e) => e.getAttribute('name'));
  expect(names).toEqual(['firstname', 'lastname', 'email', 'username', 'password', 'currency']);
});

test('validation messages before anything is sent', async () => {
  renderPage(<RegisterForm />, { user: null });
  await fill({ Email: 'not-an-email', Username: 'a b', Password: 'short' });
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('Enter your first name');
  expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
    'Email must be an address such as name@example.com',
  );
  expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
    expect.stringContaining(
      'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
    ),
  );
  expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
    expect.stringContaining('Password must be at least 8 characters'),
  );
});

const account = {
  'First name': 'Ada',
  'Last name': 'Lovelace',
  Email: 'ada@example.com',
  Username: 'ada',
  Password: 'long enough pass',
};
const input = {
  firstname: 'Ada',
  lastname: 'Lovelace',
  email: 'ada@example.com',
  username: 'ada',
  password: 'long enough pass',
  currency: 'USD',
};

test('registers through GraphQL, then log in with the flash', async () => {
  renderPage(<RegisterForm />, {
    user: null,
    path: '/register',
    mocks: [
      {
        request: { query: RegisterDocument, variables: { input } },
        result: { data: { register: { __typename: 'User', id: '7' } } },
      },
    ],
  });
  await fill(account);
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/login'));
  expect(screen.getByTestId('flash')).toHaveTextContent('Registration successful! Please log in.');
});

test("puts the server's field error beside its field", async () => {
  renderPage(<RegisterForm />, {
    user: null,
    path: '/register',
    mocks: [
      {
        request: { query: RegisterDocument, variables: { input } },
        result: {
          errors: [
            new GraphQLError('This username is already taken', {
              extensions: { code: 'BAD_USER_INPUT', field: 'input.username' },
            }),
          ],
        },
      },
    ],
  });
  await fill(account);
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  await waitFor(() =>
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
      expect.stringContaining('This username is already taken'),
    ),
  );
  expect(screen.getByTestId('location')).toHaveTextContent('/register');
});
