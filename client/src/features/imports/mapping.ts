import type { CsvMapping } from '../../graphql/graphql';

/** The column roles a CSV mapping assigns, in the order the form shows them. */
export const COLUMN_ROLES = [
  ['date', 'Date'],
  ['amount', 'Amount (signed)'],
  ['debit', 'Money out'],
  ['credit', 'Money in'],
  ['description', 'Description'],
  ['payee', 'Payee'],
  ['category', 'Category'],
] as const;

export type ColumnRole = (typeof COLUMN_ROLES)[number][0];

/** The formats the server reads (server/src/modules/imports/parse/dates.ts). */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYY.MM.DD',
  'YYYYMMDD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD.MM.YY',
  'DD/MM/YY',
  'MM/DD/YY',
  'DD-MM-YY',
  'MM-DD-YY',
];

const INPUT_FIELDS = [
  ...COLUMN_ROLES.map(([role]) => role),
  'dateFormat',
  'decimalSeparator',
  'delimiter',
  'encoding',
  'skipRows',
] as const;

/**
 * The mapping a preview answered (JSON), reduced to what the API's CsvMapping input takes: the
 * server also reports columns it detected on its own (a currency column, Firefly III's payee of
 * deposits), which it finds again by itself.
 */
export function mappingFromPreview(
  json: string | null,
  ambiguousDateFormats: string[] = [],
): CsvMapping | null {
  if (!json) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  const mapping: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    const value = parsed[field];
    if (value !== undefined && value !== null) mapping[field] = value;
  }
  // The server's guess among formats the data cannot tell apart is not an answer: the user picks.
  if (ambiguousDateFormats.length > 1) delete mapping.dateFormat;
  return mapping as CsvMapping;
}
