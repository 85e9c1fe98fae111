import {
  base64Utf8,
  describeUserAgent,
  displayAddress,
  eventDetail,
  eventInWords,
  formatDateTime,
  formatExpiry,
  groupSecret,
  isExpired,
  svgDataUrl,
} from './format';

test('every event type the server records reads as words', () => {
  const types = [
    'LOGIN_SUCCEEDED',
    'LOGIN_FAILED',
    'PASSWORD_RESET_REQUESTED',
    'PASSWORD_RESET_COMPLETED',
    'PASSWORD_CHANGED',
    'TOKEN_CREATED',
    'TOKEN_REVOKED',
    'TWO_FACTOR_ENABLED',
    'TWO_FACTOR_DISABLED',
    'RECOVERY_CODE_USED',
  ];
  const words = types.map(eventInWords);
  expect(words).toEqual([
    'Logged in',
    'Failed log-in',
    'Password reset requested',
    'Password reset by email link',
    'Password changed',
    'API token created',
    'API token revoked',
    'Two-factor sign-in turned on',
    'Two-factor sign-in turned off',
    'Recovery code used',
  ]);
  // A type added to the server later still reads as words, not as a constant.
  expect(eventInWords('SESSION_ENDED_ELSEWHERE')).toBe('Session ended elsewhere');
  expect(eventInWords('')).toBe('Unknown event');
});

test('details: why a log-in failed in words; anything else (a token name) as it is', () => {
  expect(eventDetail('LOGIN_FAILED', 'password')).toBe('wrong username or password');
  expect(eventDetail('LOGIN_FAILED', 'two-factor code')).toBe('wrong authenticator code');
  expect(eventDetail('TOKEN_CREATED', '<b>x</b>')).toBe('<b>x</b>');
  expect(eventDetail('LOGIN_SUCCEEDED', null)).toBeNull();
});

test('user agents: browser and system, or the tool', () => {
  expect(
    describeUserAgent(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
    ),
  ).toBe('Edge on Windows');
  expect(
    describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'),
  ).toBe('Firefox on Linux');
  expect(
    describeUserAgent(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
    ),
  ).toBe('Safari on iOS');
  expect(
    describeUserAgent(
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
    ),
  ).toBe('Chrome on Android');
  expect(describeUserAgent('curl/8.5.0')).toBe('curl');
  expect(describeUserAgent(null)).toBeNull();
});

test('addresses: IPv4 seen through IPv6 reads as IPv4', () => {
  expect(displayAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  expect(displayAddress('2001:db8::1')).toBe('2001:db8::1');
  expect(displayAddress(null)).toBeNull();
});

test('times in the given locale and zone; expiry at midnight UTC reads as the day before', () => {
  expect(formatDateTime('2024-03-10T14:05:00.000Z', 'en-GB', 'UTC')).toBe('10 Mar 2024, 14:05');
  expect(formatDateTime('2024-03-10T14:05:00.000Z', 'en-US', 'America/New_York')).toBe(
    'Mar 10, 2024, 10:05 AM',
  );
  expect(formatExpiry('2100-01-01T00:00:00.000Z', 'en-US')).toBe('End of Dec 31, 2099 (UTC)');
  expect(isExpired(null)).toBe(false);
  expect(isExpired('2024-01-01T00:00:00.000Z', Date.parse('2024-01-01T00:00:00.000Z'))).toBe(true);
  expect(isExpired('2024-01-02T00:00:00.000Z', Date.parse('2024-01-01T00:00:00.000Z'))).toBe(false);
});

test('the QR SVG becomes a base64 data: image address, UTF-8 included', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>é ✓</title></svg>';
  const url = svgDataUrl(svg);
  expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
  const decoded = Buffer.from(url.split(',')[1], 'base64').toString('utf8');
  expect(decoded).toBe(svg);
  expect(base64Utf8('x'.repeat(100_000))).toHaveLength(133_336);
  expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  expect(groupSecret('ABCDE')).toBe('ABCD E');
});
