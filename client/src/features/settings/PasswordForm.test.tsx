import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import { ChangePasswordDocument } from '../../graphql/graphql';
import { PasswordForm } from './PasswordForm';

test('the new password must be long enough and typed twice alike', async () => {
  renderPage(<PasswordForm />);
  await userEvent.type(screen.getByLabelText('New password'), 'short');
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
  expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(
    'Enter your current password',
  );
  expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
    expect.stringContaining('Password must be at least 8 characters'),
  );
  await userEvent.clear(screen.getByLabelText('New password'));
  await userEvent.type(screen.getByLabelText('New password'), 'long enough one');
  await userEvent.type(screen.getByLabelText('Repeat the new password'), 'long enough two');
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
  expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription(
    'The two new passwords differ',
  );
});

test('a wrong current password is shown beside that field', async () => {
  renderPage(<PasswordForm />, {
    mocks: [
      {
        request: {
          query: ChangePasswordDocument,
          variables: { currentPassword: 'nope nope', newPassword: 'long enough one' },
        },
        result: {
          errors: [
            new GraphQLError('Current password is incorrect', {
              extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
            }),
          ],
        },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Current password'), 'nope nope');
  await userEvent.type(screen.getByLabelText('New password'), 'long enough one');
  await userEvent.type(screen.getByLabelText('Repeat the new password'), 'long enough one');
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
  await waitFor(() =>
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(
      'Current password is incorrect',
    ),
  );
});
