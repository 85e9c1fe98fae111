import { pdfText } from '../../../test/pdf-text';
import { formatAmount } from './report-document';
import { reportPdf } from './report-files';

describe('the report PDF', () => {
  test('prints € ₹ ¥ ₩ £ with its embedded font, in a worker thread', async () => {
    const rows = [
      { key: 'Café € ₹ ¥ ₩ £', total: '1234567.89', count: 3, average: '411522.63' },
      { key: 'Tea', total: '0.05', count: 1, average: '0.05' },
    ];
    for (const currency of ['EUR', 'INR', 'GBP']) {
      const pdf = await reportPdf(
        {
          title: 'Symbols',
          from: '2025-01-01',
          to: '2025-12-31',
          groupBy: 'PAYEE',
          taxDeductibleOnly: false,
          currency,
          digits: 2,
          rows,
          total: '1234567.94',
          count: 4,
          average: '308641.99',
        },
        'LETTER',
      );
      const { text, height } = await pdfText(pdf);
      expect(height).toBeCloseTo(792, 0);
      expect(text).toContain('Café € ₹ ¥ ₩ £');
      expect(text).toContain(formatAmount('1234567.94', currency, 2));
    }
    expect(formatAmount('1234567.94', 'INR', 2)).toBe('₹1,234,567.94');
    expect(formatAmount('-5', 'KRW', 0)).toBe('-₩5');
    expect(formatAmount('1000', 'JPY', 0)).toBe('¥1,000');
  });
});
