import type { ParsedStatement, StatementAccount, StatementError, StatementRow } from '../statement';
import { isCalendarDay } from '../../../lib/dates';
import { parseAmount } from './amounts';
import { StatementFileError, type ProgressListener } from './errors';
import { cleanText, decodeEntities } from './text';

/**
 * OFX 1.x (SGML: leaf elements are not closed), OFX 2.x (XML) and Quicken's QFX (OFX with an
 * INTU.BID), bank and credit-card statements. One linear pass builds the element tree: a leaf
 * closes itself at the next tag, an aggregate must be closed, so a truncated file is an error
 * rather than a partial import. (`ofx-js` was tried: it is ESM-only and its SGML shim uses a
 * regular expression that backtracks exponentially on long tag names.)
 */

interface OfxNode {
  name: string;
  line: number;
  value: string | null;
  children: OfxNode[];
}

const MAX_DEPTH = 32;
const MAX_TAG_NAME = 64;
const PROGRESS_EVERY = 5_000;

/** The element tree below <OFX>. */
function readTree(text: string): OfxNode {
  const start = text.search(/<OFX>/i);
  if (start < 0)
    throw new StatementFileError('This is not an OFX file: it has no <OFX> element', 1, 'OFX');
  const declaration = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    throw new StatementFileError(
      'The OFX file declares a DOCTYPE or entities, which are not accepted',
      lineOf(text, declaration.index),
      'OFX',
    );
  }
  let line = lineOf(text, start);
  let position = start;
  const root: OfxNode = { name: '#root', line, value: null, children: [] };
  const stack: OfxNode[] = [root];
  const top = () => stack[stack.length - 1];
  const advanceTo = (index: number) => {
    for (let i = position; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    position = index;
  };
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const textEnd = open < 0 ? text.length : open;
    const value = text.slice(position, textEnd).trim();
    if (value !== '') {
      const node = top();
      if (node === root || node.children.length > 0 || node.value !== null) {
        throw new StatementFileError(`Unexpected text "${value.slice(0, 30)}"`, line, node.name);
      }
      node.value = decodeEntities(value);
    }
    advanceTo(textEnd);
    if (open < 0) break;
    if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open);
      if (end < 0) throw truncated(line);
      advanceTo(end + 3);
      continue;
    }
    const close = text.indexOf('>', open);
    if (close < 0) throw truncated(line);
    const tag = text.slice(open + 1, close).trim();
    advanceTo(close + 1);
    if (tag.startsWith('?')) continue; // <?xml ...?>, <?OFX ...?> (within <OFX> only by mistake)
    const closing = tag.startsWith('/');
    const selfClosing = !closing && tag.endsWith('/');
    const name = tag
      .replace(/^\/|\/$/g, '')
      .split(/\s/)[0]
      .toUpperCase();
    if (!/^[A-Z0-9_.]+$/.test(name) || name.length > MAX_TAG_NAME) {
      throw new StatementFileError(`"<${tag.slice(0, 30)}>" is not an OFX tag`, line, null);
    }
    // A leaf with a value closes itself at the next tag (SGML), unless that tag closes it (XML).
    if (top().value !== null && !(closing && top().name === name)) stack.pop();
    if (closing) {
      if (!stack.some((node) => node.name === name)) {
        throw new StatementFileError(`</${name}> does not close <${top().name}>`, line, name);
      }
      // Elements left open before it were empty SGML leaves (<MEMO> with no value): what was
      // read as their children are their siblings.
      while (top().name !== name) {
        const empty = stack.pop() as OfxNode;
        for (const moved of empty.children) top().children.push(moved);
        empty.children = [];
      }
      stack.pop();
      if (stack.length === 1) break; // </OFX>
      continue;
    }
    const node: OfxNode = { name, line, value: null, children: [] };
    top().children.push(node);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH)
        throw new StatementFileError('The OFX file is nested too deeply', line, name);
      stack.push(node);
    }
  }
  const unclosed = stack.filter((node) => node !== root && node.value === null);
  if (unclosed.length > 0) throw truncated(line, unclosed[unclosed.length - 1].name);
  const ofx = root.children[0];
  if (!ofx || ofx.name !== 'OFX')
    throw new StatementFileError('The file has no <OFX> element', 1, 'OFX');
  return ofx;
}

function truncated(line: number, name?: string): StatementFileError {
  return new StatementFileError(
    `The OFX file ends before ${name ? `<${name}> is closed` : 'its last tag is complete'}: it is truncated; nothing was read`,
    line,
    name ?? 'OFX',
  );
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const child = (node: OfxNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name);
const valueOf = (node: OfxNode | undefined, name: string) =>
  child(node, name)?.value?.trim() ?? null;

function findAll(node: OfxNode, names: Set<string>, found: OfxNode[] = []): OfxNode[] {
  for (const c of node.children) {
    if (names.has(c.name)) found.push(c);
    else findAll(c, names, found);
  }
  return found;
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

export function parseOfx(text: string, onProgress?: ProgressListener): ParsedStatement {
  const ofx = readTree(text);
  const statements = findAll(ofx, new Set(['STMTRS', 'CCSTMTRS']));
  if (statements.length === 0) {
    const investment = findAll(ofx, new Set(['INVSTMTRS'])).length > 0;
    throw new StatementFileError(
      investment
        ? 'This OFX file is an investment statement; only bank and credit-card statements are read'
        : 'The OFX file holds no bank or credit-card statement (STMTRS or CCSTMTRS)',
      ofx.line,
      'OFX',
    );
  }
  const rows: StatementRow[] = [];
  const errors: StatementError[] = [];
  let account: StatementAccount | null = null;
  for (const statement of statements) {
    const currency = valueOf(statement, 'CURDEF')?.toUpperCase() ?? null;
    const from = child(statement, 'BANKACCTFROM') ?? child(statement, 'CCACCTFROM');
    const accountId = valueOf(from, 'ACCTID');
    account ??= {
      iban:
        accountId && IBAN.test(accountId.replace(/\s/g, '')) ? accountId.replace(/\s/g, '') : null,
      accountNumber: accountId,
      currency,
    };
    const transactions =
      child(statement, 'BANKTRANLIST')?.children.filter((c) => c.name === 'STMTTRN') ?? [];
    for (const trn of transactions) {
      const row = readTransaction(trn, currency, errors);
      if (row) rows.push(row);
      if (rows.length % PROGRESS_EVERY === 0) onProgress?.({ fraction: 0.5, rows: rows.length });
    }
  }
  onProgress?.({ fraction: 1, rows: rows.length });
  return { format: 'OFX', rows, errors, account, csv: null };
}

function readTransaction(
  trn: OfxNode,
  currency: string | null,
  errors: StatementError[],
): StatementRow | null {
  const fail = (field: string, message: string) => {
    errors.push({ line: trn.line, field, message });
    return null;
  };
  const posted = valueOf(trn, 'DTPOSTED') ?? '';
  // YYYYMMDD[HHMMSS[.XXX]][[-5:EST]]: the day as the bank wrote it.
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(posted);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : null;
  if (!date)
    return fail(
      'DTPOSTED',
      posted ? `"${posted.slice(0, 30)}" is not an OFX date` : 'DTPOSTED is missing',
    );
  if (!isCalendarDay(date))
    return fail('DTPOSTED', `"${posted.slice(0, 30)}" is not a calendar day`);
  const amountText = valueOf(trn, 'TRNAMT') ?? '';
  // Some European banks write a decimal comma even in OFX.
  const decimal = amountText.includes(',') && !amountText.includes('.') ? ',' : '.';
  const amount = parseAmount(amountText, decimal);
  if (!amount.ok) {
    return fail(
      'TRNAMT',
      amountText ? `The amount "${amountText.slice(0, 30)}" ${amount.reason}` : 'TRNAMT is missing',
    );
  }
  const name = cleanText(valueOf(trn, 'NAME') ?? valueOf(child(trn, 'PAYEE'), 'NAME') ?? '');
  const memo = cleanText(valueOf(trn, 'MEMO') ?? '');
  // <CURRENCY> says TRNAMT is in another currency; <ORIGCURRENCY> only tells where it came from.
  const rowCurrency = valueOf(child(trn, 'CURRENCY'), 'CURSYM') ?? currency;
  return {
    line: trn.line,
    date,
    amount: amount.value,
    currency: rowCurrency ? rowCurrency.toUpperCase() : null,
    description: memo || name,
    payee: name || null,
    category: null,
    bankId: valueOf(trn, 'FITID') || null,
  };
}
