import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isCalendarDay } from '../../../lib/dates';
import type { ParsedStatement, StatementAccount, StatementError, StatementRow } from '../statement';
import { negate, parseAmount } from './amounts';
import { StatementFileError, type ProgressListener } from './errors';
import { cleanText, decodeEntities, lineAt } from './text';

/**
 * ISO 20022 CAMT.053 bank-to-customer statements, any version (namespace prefixes stripped;
 * .02 writes `Dbtr/Nm`, .08 `Dbtr/Pty/Nm`: both read). Every booked entry is a row, except a
 * batch entry with several `TxDtls`, which is one row per transaction with its own amount and a
 * bank id made of the entry's and the transaction's references, so that ids stay unique.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // No entity expansion of any kind (XXE, "billion laughs"): DOCTYPEs are refused beforehand.
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  maxNestedTags: 64,
  isArray: (name) => ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd'].includes(name),
});

type Node = Record<string, unknown>;
const PROGRESS_EVERY = 5_000;

function node(value: unknown): Node | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = node(current)?.[key];
  return current;
}

/** The text of an element, whether or not it has attributes. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return decodeEntities(value.trim());
  const inner = node(value)?.['#text'];
  return typeof inner === 'string' ? decodeEntities(inner.trim()) : null;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.map(node).filter((n): n is Node => !!n) : [];
}

/** A party's name in .02 (`Cdtr/Nm`) or .08 (`Cdtr/Pty/Nm`) form. */
function partyName(parties: unknown, role: 'Cdtr' | 'Dbtr'): string | null {
  const party = at(parties, role);
  const name = text(at(party, 'Nm')) ?? text(at(party, 'Pty', 'Nm'));
  return name ? cleanText(name) : null;
}

function day(dateNode: unknown): string | null {
  const value = text(at(dateNode, 'Dt')) ?? text(at(dateNode, 'DtTm'));
  return value ? value.slice(0, 10) : null;
}

function usable(ref: string | null): string | null {
  return ref && ref.toUpperCase() !== 'NOTPROVIDED' && ref.toUpperCase() !== 'NONREF' ? ref : null;
}

export function parseCamt(text_: string, onProgress?: ProgressListener): ParsedStatement {
  const declaration = /<!(DOCTYPE|ENTITY)/i.exec(text_);
  if (declaration) {
    throw new StatementFileError(
      'The XML file declares a DOCTYPE or entities, which are not accepted (external entities and entity expansion are refused)',
      lineAt(text_, declaration.index),
      'DOCTYPE',
    );
  }
  const valid = XMLValidator.validate(text_);
  if (valid !== true) {
    throw new StatementFileError(
      `The XML is malformed or truncated at column ${valid.err.col}: ${valid.err.msg}`,
      valid.err.line,
      null,
    );
  }
  let document: Node;
  try {
    document = parser.parse(text_) as Node;
  } catch (error) {
    throw new StatementFileError(`The XML could not be read: ${(error as Error).message}`, 1, null);
  }
  const statements = list(at(document, 'Document', 'BkToCstmrStmt', 'Stmt'));
  if (statements.length === 0) {
    throw new StatementFileError(
      'This is not a CAMT.053 statement (no BkToCstmrStmt/Stmt)',
      1,
      'Stmt',
    );
  }
  const accounts = statements.map((stmt): StatementAccount => ({
    iban: text(at(stmt, 'Acct', 'Id', 'IBAN'))?.replace(/\s/g, '') ?? null,
    accountNumber: text(at(stmt, 'Acct', 'Id', 'Othr', 'Id')),
    currency: text(at(stmt, 'Acct', 'Ccy')),
  }));
  const keys = new Set(accounts.map((a) => a.iban ?? a.accountNumber ?? ''));
  if (keys.size > 1) {
    throw new StatementFileError(
      `The file holds statements of ${keys.size} accounts (${[...keys].join(', ')}): import one account's file at a time`,
      1,
      'Acct',
    );
  }
  // fast-xml-parser keeps no positions: the n-th <Ntry> of the text is the n-th entry read.
  const entryLines: number[] = [];
  const entryTag = /<(?:[\w.-]+:)?Ntry[\s>]/g;
  let line = 1;
  let last = 0;
  for (let match = entryTag.exec(text_); match; match = entryTag.exec(text_)) {
    for (let i = last; i < match.index; i++) if (text_.charCodeAt(i) === 10) line++;
    last = match.index;
    entryLines.push(line);
  }

  const rows: StatementRow[] = [];
  const errors: StatementError[] = [];
  let index = 0;
  for (const stmt of statements) {
    const currency = accounts[0].currency;
    for (const entry of list(stmt.Ntry)) {
      const entryLine = entryLines[index] ?? 1;
      index++;
      if (index % PROGRESS_EVERY === 0) onProgress?.({ fraction: 0.5, rows: rows.length });
      readEntry(entry, entryLine, currency, rows, errors);
    }
  }
  onProgress?.({ fraction: 1, rows: rows.length });
  return { format: 'CAMT053', rows, errors, account: accounts[0], csv: null };
}

function readEntry(
  entry: Node,
  line: number,
  accountCurrency: string | null,
  rows: StatementRow[],
  errors: StatementError[],
): void {
  const fail = (field: string, message: string) => errors.push({ line, field, message });
  const status = (text(at(entry, 'Sts', 'Cd')) ?? text(entry.Sts) ?? 'BOOK').toUpperCase();
  // Pending and informational entries are not (yet) transactions of the account.
  if (status === 'PDNG' || status === 'INFO') return;
  const date = day(entry.BookgDt) ?? day(entry.ValDt);
  if (!date) {
    fail('BookgDt', 'The entry has no booking or value date');
    return;
  }
  if (!isCalendarDay(date)) {
    fail('BookgDt', `"${date}" is not a calendar day`);
    return;
  }
  const indicator = text(entry.CdtDbtInd);
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    fail('CdtDbtInd', `CdtDbtInd must be CRDT or DBIT (got "${indicator ?? ''}")`);
    return;
  }
  const entryRef = usable(text(entry.AcctSvcrRef)) ?? usable(text(entry.NtryRef));
  const details = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
  const entryInfo = cleanText(text(entry.AddtlNtryInf) ?? '');
  const signed = (amountText: string | null, ind: string, field: string) => {
    const amount = parseAmount(amountText ?? '', '.');
    if (!amount.ok) {
      fail(
        field,
        amountText
          ? `The amount "${amountText.slice(0, 30)}" ${amount.reason}`
          : 'The amount is missing',
      );
      return null;
    }
    return ind === 'DBIT' ? negate(amount.value) : amount.value;
  };
  const describe = (tx: Node | undefined, payee: string | null) => {
    const lines = at(tx, 'RmtInf', 'Ustrd');
    const ustrd = Array.isArray(lines) ? lines.map((u) => text(u) ?? '').join(' ') : '';
    return (
      cleanText(ustrd) || cleanText(text(at(tx, 'AddtlTxInf')) ?? '') || entryInfo || payee || ''
    );
  };
  const payeeOf = (tx: Node | undefined, ind: string) =>
    partyName(at(tx, 'RltdPties'), ind === 'DBIT' ? 'Cdtr' : 'Dbtr');

  if (details.length <= 1) {
    const tx = details[0];
    const amount = signed(text(at(entry, 'Amt')), indicator, 'Amt');
    if (amount === null) return;
    const payee = payeeOf(tx, indicator);
    const txRef =
      usable(text(at(tx, 'Refs', 'AcctSvcrRef'))) ?? usable(text(at(tx, 'Refs', 'EndToEndId')));
    rows.push({
      line,
      date,
      amount,
      currency: (node(entry.Amt)?.['@Ccy'] as string | undefined) ?? accountCurrency,
      description: describe(tx, payee),
      payee,
      category: null,
      bankId: entryRef ?? txRef,
    });
    return;
  }
  details.forEach((tx, i) => {
    const ind = text(tx.CdtDbtInd) ?? indicator;
    const amountNode = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
    const amount = signed(text(amountNode), ind, 'TxDtls/Amt');
    if (amount === null) return;
    const payee = payeeOf(tx, ind);
    const txRef =
      usable(text(at(tx, 'Refs', 'AcctSvcrRef'))) ??
      usable(text(at(tx, 'Refs', 'EndToEndId'))) ??
      usable(text(at(tx, 'Refs', 'TxId'))) ??
      String(i + 1);
    rows.push({
      line,
      date,
      amount,
      currency: (node(amountNode)?.['@Ccy'] as string | undefined) ?? accountCurrency,
      description: describe(tx, payee),
      payee,
      category: null,
      bankId: entryRef ? `${entryRef}/${txRef}` : txRef,
    });
  });
}
