import type { CsvMapping } from '../statement';

/**
 * Ready mappings for the CSV exports of other finance apps, recognised by their header row.
 * Columns are found by name, so that older and newer versions of an export (which add or move
 * columns) both match.
 */
type PresetRole =
  'date' | 'amount' | 'description' | 'payee' | 'payeeIn' | 'category' | 'currency' | 'splitTotal';

export interface CsvPreset {
  name: string;
  /** Header names that must all be present (exact, case-sensitive: these files are generated). */
  signature: string[];
  /** Role -> header name. */
  columns: Partial<Record<PresetRole, string>>;
  dateFormat: string;
  decimalSeparator: '.' | ',';
}

export const CSV_PRESETS: CsvPreset[] = [
  {
    // Firefly III, Data > Export data: user_id, group_id, journal_id, created_at, updated_at,
    // group_title, type, currency_code, amount, foreign_currency_code, foreign_amount, ...,
    // description, date (ISO 8601 with offset), source_name, source_iban, source_type,
    // destination_name, destination_iban, destination_type, reconciled, category, budget, bill,
    // tags, notes, then meta fields. Withdrawals are negative, deposits and transfers positive.
    // The counterparty of a withdrawal is its destination, of a deposit its source.
    name: 'Firefly III',
    signature: [
      'journal_id',
      'type',
      'amount',
      'description',
      'date',
      'source_name',
      'destination_name',
    ],
    columns: {
      date: 'date',
      amount: 'amount',
      description: 'description',
      payee: 'destination_name',
      payeeIn: 'source_name',
      category: 'category',
      currency: 'currency_code',
    },
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: '.',
  },
  {
    // Actual Budget, account > Export: Account, Date, Payee, Notes, [Category_Group,] Category,
    // Amount, Split_Amount, Cleared. A split's parent has Amount 0 and its total in Split_Amount;
    // each child row carries its own Amount and Category.
    name: 'Actual Budget',
    signature: ['Account', 'Date', 'Payee', 'Notes', 'Category', 'Amount'],
    columns: {
      date: 'Date',
      amount: 'Amount',
      description: 'Notes',
      payee: 'Payee',
      category: 'Category',
      splitTotal: 'Split_Amount',
    },
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: '.',
  },
];

/** The preset whose signature the header has, with its columns resolved to numbers. */
export function matchPreset(
  header: readonly string[],
): { name: string; mapping: CsvMapping } | null {
  const trimmed = header.map((cell) => cell.trim());
  for (const preset of CSV_PRESETS) {
    if (!preset.signature.every((name) => trimmed.includes(name))) continue;
    const mapping: CsvMapping = {
      dateFormat: preset.dateFormat,
      decimalSeparator: preset.decimalSeparator,
    };
    for (const [role, name] of Object.entries(preset.columns)) {
      const index = trimmed.indexOf(name);
      if (index >= 0) mapping[role as keyof typeof preset.columns] = index;
    }
    return { name: preset.name, mapping };
  }
  return null;
}
