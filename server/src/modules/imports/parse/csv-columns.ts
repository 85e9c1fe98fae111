import type { CsvMapping } from '../statement';

/**
 * Column roles from header names, in English, German, French, Dutch and Spanish. Names are
 * compared lower-cased, without accents and punctuation ("Betrag (EUR)" -> "betrag eur"). A
 * header equal to a name scores above one merely containing it, so "Date" beats "Value date".
 */

type Role =
  'date' | 'amount' | 'debit' | 'credit' | 'description' | 'payee' | 'category' | 'currency';

const NAMES: Record<Role, string[]> = {
  date: [
    'date',
    'transaction date',
    'posting date',
    'posted date',
    'booking date',
    'trans date',
    'buchungstag',
    'buchungsdatum',
    'datum',
    'belegdatum',
    'date operation',
    'date de l operation',
    'date comptable',
    'boekdatum',
    'transactiedatum',
    'fecha',
    'fecha operacion',
    'fecha de operacion',
  ],
  amount: [
    'amount',
    'transaction amount',
    'betrag',
    'umsatz',
    'montant',
    'bedrag',
    'importe',
    'net amount',
    'amount eur',
    'amount usd',
  ],
  debit: [
    'debit',
    'debits',
    'withdrawal',
    'withdrawals',
    'money out',
    'paid out',
    'debit amount',
    'soll',
    'ausgang',
    'lastschrift',
    'debet',
    'af',
    'cargo',
    'cargos',
    'debito',
  ],
  credit: [
    'credit',
    'credits',
    'deposit',
    'deposits',
    'money in',
    'paid in',
    'credit amount',
    'haben',
    'eingang',
    'gutschrift',
    'bij',
    'abono',
    'abonos',
    'credito',
  ],
  description: [
    'description',
    'memo',
    'details',
    'narrative',
    'reference',
    'purpose',
    'notes',
    'note',
    'verwendungszweck',
    'libelle',
    'libelle operation',
    'motif',
    'omschrijving',
    'mededelingen',
    'concepto',
    'descripcion',
    'transaction description',
  ],
  payee: [
    'payee',
    'name',
    'merchant',
    'counterparty',
    'beneficiary',
    'recipient',
    'payee name',
    'empfanger',
    'empfaenger',
    'zahlungsempfanger',
    'auftraggeber begunstigter',
    'begunstigter zahlungspflichtiger',
    'auftraggeber',
    'beneficiaire',
    'tiers',
    'naam',
    'naam omschrijving',
    'tegenpartij',
    'beneficiario',
    'destinatario',
    'ordenante',
  ],
  category: ['category', 'kategorie', 'categorie', 'categoria'],
  currency: ['currency', 'wahrung', 'waehrung', 'devise', 'moneda', 'munt', 'currency code'],
};

/** Lower tier, used only when nothing better: dates beside the booking date, booking types. */
const WEAK: [Role, string[]][] = [
  [
    'date',
    ['value date', 'wertstellung', 'valutadatum', 'date de valeur', 'fecha valor', 'rentedatum'],
  ],
  ['description', ['buchungstext', 'vorgang', 'type', 'transaction type', 'mutatiesoort']],
];

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function score(header: string, names: string[]): number {
  let best = 0;
  for (const name of names) {
    if (header === name) return 3;
    if (` ${header} `.includes(` ${name} `)) best = Math.max(best, name.length > 3 ? 2 : 0);
  }
  return best;
}

export function isKnownHeader(cell: string): boolean {
  const header = normalizeHeader(cell);
  if (header === '') return false;
  return (Object.keys(NAMES) as Role[]).some((role) => score(header, NAMES[role]) > 0);
}

/** Roles for the columns of `header`: each role to its best-scoring free column. */
export function rolesFromHeader(header: readonly string[]): CsvMapping {
  const normalized = header.map(normalizeHeader);
  const candidates: { role: Role; column: number; score: number }[] = [];
  normalized.forEach((name, column) => {
    if (!name) return;
    for (const role of Object.keys(NAMES) as Role[]) {
      const s = score(name, NAMES[role]);
      if (s > 0) candidates.push({ role, column, score: s });
    }
    for (const [role, names] of WEAK) {
      if (score(name, names) > 0) candidates.push({ role, column, score: 0.5 });
    }
  });
  // Best scores first; on a tie the leftmost column (banks put the booking date first).
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: CsvMapping = {};
  const taken = new Set<number>();
  for (const { role, column } of candidates) {
    if (mapping[role] != null || taken.has(column)) continue;
    mapping[role] = column;
    taken.add(column);
  }
  // A signed amount column wins over a debit/credit pair only when the pair is incomplete.
  if (mapping.debit != null && mapping.credit != null) mapping.amount = null;
  else if (mapping.amount != null) {
    mapping.debit = null;
    mapping.credit = null;
  }
  return mapping;
}
