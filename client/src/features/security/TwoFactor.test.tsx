import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { renderPage } from '../../../test/render';
import {
  BeginTwoFactorSetupDocument,
  ConfirmTwoFactorSetupDocument,
  DisableTwoFactorDocument,
  SecurityEventsDocument,
  TwoFactorStatusDocument,
} from '../../graphql/graphql';
import { TwoFactor } from './TwoFactor';

// A QR "image" that would run script if it were ever put into the page as markup.
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(5)}-abcd${i}`);

const status = (enabled: boolean) => ({
  request: { query: TwoFactorStatusDocument },
  result: { data: { me: { __typename: 'User' as const, id: '1', twoFactorEnabled: enabled } } },
});
const events = {
  request: { query: SecurityEventsDocument },
  variableMatcher: () => true,
  result: { data: { securityEvents: [] } },
};
const begin = {
  request: { query: BeginTwoFactorSetupDocument },
  result: {
    data: {
      beginTwoFactorSetup: {
        __typename: 'TwoFactorSetup' as const,
        secret: SECRET,
        otpauthUri: `otpauth://totp/Finance:ada?secret=${SECRET}`,
        qrCodeSvg: SVG,
      },
    },
  },
};

test('off: says so; set-up shows the QR code as an image and the key to type', async () => {
  renderPage(<TwoFactor />, { mocks: [status(false), begin] });
  expect(screen.getByText('Loading two-factor sign-in…')).toBeInTheDocument();
  await userEvent.click(await screen.findByRole('button', { name: 'Set up two-factor sign-in' }));
  const qr = await screen.findByRole('img', { name: 'QR code holding your two-factor secret' });
  const src = qr.getAttribute('src') as string;
  expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
  expect(Buffer.from(src.split(',')[1], 'base64').toString('utf8')).toBe(SVG);
  // The SVG is never markup in the page.
  expect(document.querySelector('svg, script')).toBeNull();
  expect(screen.getByTestId('totp-secret')).toHaveTextContent(
    'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  );
  expect(screen.getByRole('button', { name: 'Copy key' })).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.getByRole('button', { name: 'Set up two-factor sign-in' })).toBeInTheDocument();
});

test('turning on: the code is checked, then ten recovery codes are shown once', async () => {
  const user = userEvent.setup();
  const createObjectURL = jest.fn((blob: Blob) => {
    void blob;
    return 'blob:codes';
  });
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  renderPage(<TwoFactor />, {
    mocks: [
      status(false),
      begin,
      {
        request: { query: ConfirmTwoFactorSetupDocument, variables: { code: '000000' } },
        result: {
          errors: [
            new GraphQLError('That code is not right; check the time on your device', {
              extensions: { code: 'BAD_USER_INPUT', field: 'otp' },
            }),
          ],
        },
      },
      {
        request: { query: ConfirmTwoFactorSetupDocument, variables: { code: '123456' } },
        result: { data: { confirmTwoFactorSetup: CODES } },
      },
      events,
    ],
  });
  await user.click(await screen.findByRole('button', { name: 'Set up two-factor sign-in' }));
  const code = await screen.findByLabelText('Code from the app');
  await user.click(screen.getByRole('button', { name: 'Turn on' }));
  expect(code).toHaveAccessibleDescription('Enter the 6-digit code your app shows');
  expect(code).toHaveFocus();
  await user.type(code, '000000');
  await user.click(screen.getByRole('button', { name: 'Turn on' }));
  await waitFor(() =>
    expect(code).toHaveAccessibleDescription(
      'That code is not right; check the time on your device',
    ),
  );
  await user.clear(code);
  await user.type(code, '123 456');
  await user.click(screen.getByRole('button', { name: 'Turn on' }));

  const list = await screen.findByRole('list', { name: 'Recovery codes' });
  expect(
    within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(CODES);
  expect(screen.getByTestId('recovery-codes')).toHaveTextContent('you will not see them again');
  expect(screen.getByTestId('flash')).toHaveTextContent('Two-factor sign-in is on.');

  await user.click(screen.getByRole('button', { name: 'Copy codes' }));
  expect(await navigator.clipboard.readText()).toBe(CODES.join('\n'));
  await user.click(screen.getByRole('button', { name: 'Download as text' }));
  expect(clicked).toHaveBeenCalledTimes(1);
  const file = createObjectURL.mock.calls[0][0];
  // jsdom's Blob has no text(): read it as a browser would.
  const text = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(file);
  });
  expect(text).toMatch(/^Personal finance: two-factor recovery codes/);
  for (const c of CODES) expect(text).toContain(c);
  clicked.mockRestore();

  // Done: the codes are gone for good, and the card says it is on.
  await user.click(screen.getByRole('button', { name: 'Done, I have saved them' }));
  expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
  expect(screen.getByText(/Signing in asks for your password and a code/)).toBeInTheDocument();
});

test('turning off needs the password and a code; mistakes are shown by their field', async () => {
  renderPage(<TwoFactor />, {
    mocks: [
      status(true),
      {
        request: {
          query: DisableTwoFactorDocument,
          variables: { password: 'wrong one', code: 'abcde-12345' },
        },
        result: {
          errors: [
            new GraphQLError('Password is incorrect', {
              extensions: { code: 'BAD_USER_INPUT', field: 'password' },
            }),
          ],
        },
      },
      {
        request: {
          query: DisableTwoFactorDocument,
          variables: { password: 'right one', code: 'abcde-12345' },
        },
        result: { data: { disableTwoFactor: true } },
      },
      events,
    ],
  });
  await userEvent.click(await screen.findByRole('button', { name: 'Turn off…' }));
  await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
  expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
  expect(screen.getByLabelText('Authenticator or recovery code')).toHaveAccessibleDescription(
    'Enter a code from your app or a recovery code',
  );
  await userEvent.type(screen.getByLabelText('Password'), 'wrong one');
  await userEvent.type(screen.getByLabelText('Authenticator or recovery code'), 'abcde-12345');
  await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
  await waitFor(() =>
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Password is incorrect'),
  );
  await userEvent.clear(screen.getByLabelText('Password'));
  await userEvent.type(screen.getByLabelText('Password'), 'right one');
  await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent('Two-factor sign-in is off.');
  expect(
    await screen.findByRole('button', { name: 'Set up two-factor sign-in' }),
  ).toBeInTheDocument();
});

test('a failed status load says why', async () => {
  renderPage(<TwoFactor />, {
    mocks: [{ request: { query: TwoFactorStatusDocument }, error: new TypeError('offline') }],
  });
  expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server');
});
