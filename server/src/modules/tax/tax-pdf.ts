import path from 'node:path';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { TaxSummaryData } from './tax.service';

/** The part of pdfmake 0.3's server API used here (it ships no types). */
interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (file: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

// pdfmake's own Roboto, embedded in every PDF: the standard PDF fonts cannot print ₹ or ₩.
const fontDir = path.join(
  path.dirname(require.resolve('pdfmake/package.json')),
  'build',
  'fonts',
  'Roboto',
);
let pdfmake: PdfMake | null = null;

function load(): PdfMake {
  if (pdfmake) return pdfmake;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('pdfmake') as PdfMake;
  loaded.addFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  // A document never fetches anything and reads no file but the fonts.
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  pdfmake = loaded;
  return loaded;
}

/** The annual tax summary as an A4 PDF: totals per tax category, then every deduction. */
export function taxSummaryPdf(summary: TaxSummaryData, currency: string): Promise<Buffer> {
  const digits = currencyDigits(currency);
  const amount = (minor: bigint | number) => `${fromMinor(BigInt(minor), digits)} ${currency}`;
  const right = (text: string) => ({ text, alignment: 'right' });
  const definition = {
    pageSize: 'A4',
    info: { title: `Tax summary ${summary.label}` },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: `Tax summary ${summary.label}`, fontSize: 18, bold: true },
      { text: `${summary.from} to ${summary.to}`, margin: [0, 2, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto', 'auto'],
          body: [
            [{ text: 'Tax category', bold: true }, right('Count'), right('Total')],
            ...summary.rows.map((r) => [
              r.taxCategory,
              right(String(r.count)),
              right(amount(r.totalMinor)),
            ]),
            [
              { text: 'Total', bold: true },
              '',
              { ...right(amount(summary.totalMinor)), bold: true },
            ],
          ],
        },
        margin: [0, 0, 0, 16],
      },
      { text: 'Deductible transactions', fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
      summary.deductions.length === 0
        ? { text: 'None in this tax year.', italics: true }
        : {
            table: {
              headerRows: 1,
              widths: ['auto', '*', 'auto', 'auto'],
              body: [
                ['Date', 'Description', 'Tax category', 'Amount'].map((text) => ({
                  text,
                  bold: true,
                })),
                ...summary.deductions.map(({ taxCategory, transaction: t }) => [
                  t.date,
                  t.payee ? `${t.description} (${t.payee})` : t.description,
                  taxCategory,
                  right(amount(t.reportingAmountMinor)),
                ]),
              ],
            },
          },
    ],
  };
  return load().createPdf(definition).getBuffer();
}
