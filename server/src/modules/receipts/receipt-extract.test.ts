import { commonMerchantCandidates, matchMerchant } from './merchant-match';
import { amountsIn, findCurrency, findDate, findTotal } from './receipt-extract';

const TODAY = '2026-06-01';

describe('reading fields from receipt text', () => {
  test.each([
    ['TOTAL $1,234.56', 'USD', 123456],
    ['SUMME EUR 1.234,56', 'EUR', 123456],
    ['TOTAL TTC 1 234,56 €', 'EUR', 123456],
    ["Total CHF 1'234.50", 'CHF', 123450],
    ['TOTAAL € 45,67', 'EUR', 4567],
    ['Gesamtbetrag 9,99 €', 'EUR', 999],
    ['TOTAL JPY 1,280', 'JPY', 1280],
    ['Grand Total: 7.5O', null, 750],
  ])('the total of %j', (line, currency, minor) => {
    const text = `Shop\nMilk 1,00\nSUBTOTAL 999,99\n${line}\nVAT 20% 3,00`;
    expect(findTotal(text, currency)).toEqual({ value: minor, confidence: 0.95 });
  });

  test('without a TOTAL line the largest amount, not the cash handed over, is a guess', () => {
    const text = 'Kiosk\nCola 2,50\nChips 3,10\n5,60\nBAR 10,00\nRückgeld 4,40';
    expect(findTotal(text, 'EUR')).toEqual({ value: 560, confidence: 0.45 });
    expect(findTotal('nothing here', 'EUR')).toEqual({ value: null, confidence: 0 });
  });

  test('amounts need their decimals; quantities, times and codes are not prices', () => {
    expect(amountsIn('2 x Milk 1L 12:45 #4471 3.98', 2)).toEqual([398]);
    expect(amountsIn('1.234.567,89 and 12,345.67', 2)).toEqual([123456789, 1234567]);
  });

  test.each([
    ['11/23/2025', 'USD', '2025-11-23', 0.9],
    ['03/04/2025', 'USD', '2025-03-04', 0.75],
    ['03/04/2025', 'EUR', '2025-04-03', 0.75],
    ['23.11.25', 'CHF', '2025-11-23', 0.9],
    ['04.03.2025', 'USD', '2025-03-04', 0.75],
    ['2025-11-23', null, '2025-11-23', 0.95],
    ['23 Nov 2025', 'GBP', '2025-11-23', 0.9],
    ['Nov 23, 2025', 'USD', '2025-11-23', 0.9],
    ['3. März 2025', 'EUR', '2025-03-03', 0.9],
    ['12 déc. 2024', 'EUR', '2024-12-12', 0.9],
    ['5 de marzo de 2025', 'EUR', '2025-03-05', 0.9],
    ['23-11-2025 13:35', 'EUR', '2025-11-23', 0.9],
  ])('the date of %j (%s)', (text, currency, iso, confidence) => {
    expect(findDate(`Receipt\n${text}\n`, currency, TODAY)).toEqual({ value: iso, confidence });
  });

  test('a date in the future or a decade ago is not the purchase date', () => {
    expect(findDate('Best before 01.01.2030\n', 'EUR', TODAY).value).toBeNull();
    expect(findDate('Member since 01.01.2001\n15.05.2026', 'EUR', TODAY).value).toBe('2026-05-15');
  });

  test.each([
    ['Total 12,00 €', 'EUR'],
    ['TOTAL $4.00', 'USD'],
    ['Amount GBP 3.00 £', 'GBP'],
    ['$5.00 $6.00 VISA **¥x4821', 'USD'],
    ['no money here', null],
  ])('the currency of %j', (text, code) => {
    expect(findCurrency(text).value).toBe(code);
  });

  test('merchants: printed spellings map to one name; an unknown shop is a low-confidence guess', () => {
    const common = commonMerchantCandidates();
    expect(matchMerchant('WAL-MART\nSupercenter #123', common)).toMatchObject({ name: 'Walmart' });
    expect(matchMerchant('i TESCO\nExpress', common)).toMatchObject({ name: 'Tesco' });
    expect(matchMerchant('Tel. 0123 4567\nALDI SÜD\n', common)).toMatchObject({ name: 'Aldi' });
    expect(matchMerchant('Welcome!\nRosie’s Diner\n12 Main St', common)).toMatchObject({
      name: 'Rosie’s Diner',
      score: 0.35,
      source: 'text',
    });
    // "dm" is a whole word or nothing: not found inside "admin".
    expect(matchMerchant('Admin office supplies', common)?.name).toBe('Admin office supplies');
  });
});
