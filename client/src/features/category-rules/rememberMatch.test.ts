import { rememberMatch } from './useRememberCategory';

describe('rememberMatch', () => {
  test.each([
    [null, 'TESCO STORE 1234', 'TESCO STORE'],
    [null, 'Netflix.com #4471', 'Netflix.com'],
    ['Amazon Mktp 12-34-56', 'Order', 'Amazon Mktp'],
    ['', 'Coffee Bar', 'Coffee Bar'],
    [null, '2024-05-01 12:00', ''],
  ])('%s / %s', (payee, description, match) => {
    expect(rememberMatch(payee, description)).toBe(match);
  });
});
