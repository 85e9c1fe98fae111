/**
 * What a bank file becomes before anything is written: the parsers (`parse/`) produce it, the
 * import pipeline previews, de-duplicates and commits it. Amounts stay decimal strings here: a
 * parser does not know the account's currency digits; the ledger validates them on write.
 */

export type StatementFormat = 'CSV' | 'OFX' | 'QIF' | 'CAMT053';

/** How the columns of a CSV file are read (the API's `CsvMapping`; column numbers from 0). */
export interface CsvMapping {
  date?: number | null;
  /** One signed amount column... */
  amount?: number | null;
  /** ...or separate debit (money out) and credit (money in) columns. */
  debit?: number | null;
  credit?: number | null;
  description?: number | null;
  payee?: number | null;
  category?: number | null;
  /**
   * Detected only: the payee column for money in, when it is not the one for money out (Firefly
   * III names the counterparty of a withdrawal `destination_name`, of a deposit `source_name`).
   */
  payeeIn?: number | null;
  /** Detected only (not in the API's input): a column naming each row's currency (Firefly III). */
  currency?: number | null;
  /**
   * Detected only: a column that is non-zero on summary rows to leave out (Actual Budget's
   * `Split_Amount`, set on a split's parent while its children carry the amounts).
   */
  splitTotal?: number | null;
  /** e.g. 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYYMMDD'. */
  dateFormat?: string | null;
  /** '.' or ','. */
  decimalSeparator?: string | null;
  delimiter?: string | null;
  /** 'utf-8', 'windows-1252', 'iso-8859-1'. */
  encoding?: string | null;
  /** Rows before the header (bank preambles); the header row itself is detected. */
  skipRows?: number | null;
}

export interface StatementRow {
  /** 1-based line of the file where the row starts (for errors and the preview). */
  line: number;
  /** YYYY-MM-DD, a real calendar day. */
  date: string;
  /** Signed canonical decimal: '-12.5' is money out, '1200' money in. Never a float. */
  amount: string;
  /** ISO 4217 when the file says it (OFX CURDEF, CAMT Ccy); else the account's currency. */
  currency: string | null;
  description: string;
  payee: string | null;
  /** A category named by the file (QIF `L`, a CSV column, a split's `S`). */
  category: string | null;
  /** The bank's own id for the row (OFX FITID, CAMT AcctSvcrRef / entry reference). */
  bankId: string | null;
}

export interface StatementError {
  line: number;
  field: string | null;
  message: string;
}

/** Who the file is for, when the format says it: checked against the account imported into. */
export interface StatementAccount {
  iban: string | null;
  accountNumber: string | null;
  currency: string | null;
}

export interface ParsedStatement {
  format: StatementFormat;
  rows: StatementRow[];
  errors: StatementError[];
  account: StatementAccount | null;
  /** The date format read with, for formats whose dates are written many ways (CSV, QIF). */
  dateFormat?: string | null;
  /**
   * Date formats the data allows when it cannot tell them apart (03/04): the user picks one and
   * parses again with it (CSV: `mapping.dateFormat`; QIF: the same field of the mapping).
   */
  ambiguousDateFormats?: string[];
  /** CSV only: the mapping used (given fields kept, the rest detected) and the header read. */
  csv: {
    mapping: CsvMapping;
    header: string[] | null;
    /** Date formats the data allows when it cannot tell them apart (03/04): the user picks. */
    ambiguousDateFormats: string[];
  } | null;
}
