import type { CsvMapping, ParsedStatement, StatementFormat } from '../statement';
import { parseCamt } from './camt';
import { parseCsv } from './csv';
import { parseOfx } from './ofx';
import { parseQif } from './qif';
import { failedStatement, StatementFileError, type ProgressListener } from './errors';
import { binaryKind, decodeText, detectEncoding, UnknownEncodingError } from './text';

/**
 * Bank files into statements: `parseStatement` is synchronous and pure (it runs inside the worker
 * of `parseStatementInWorker`, and inline for small files and tests). A file that is not a
 * statement, or is truncated, gives one error; a bad row gives an error with its line and field
 * while the other rows are read. Nothing here throws on any input.
 */

export { parseStatementInWorker } from './worker-client';
export { CSV_PRESETS } from './csv-presets';
export { DATE_FORMATS } from './dates';
export type { ProgressListener } from './errors';

export interface ParseOptions {
  onProgress?: ProgressListener;
}

const HEAD_BYTES = 4096;

/** What the content is, from its first bytes; null when it is not a statement at all. */
export function detectFormat(data: Buffer): StatementFormat | null {
  return sniff(data).format;
}

function sniff(data: Buffer): { format: StatementFormat | null; what: string } {
  const binary = binaryKind(data);
  if (binary) return { format: null, what: binary };
  const head = new TextDecoder(detectEncoding(data) === 'utf-8' ? 'utf-8' : 'windows-1252')
    .decode(data.subarray(0, HEAD_BYTES))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head === '') return { format: null, what: 'an empty file' };
  if (/^OFXHEADER\s*:/i.test(head) || /<\?OFX[\s?]/i.test(head) || /^<OFX>/i.test(head)) {
    return { format: 'OFX', what: 'an OFX file' };
  }
  if (/^!(Type|Account|Option|Clear)/i.test(head)) return { format: 'QIF', what: 'a QIF file' };
  if (head.startsWith('<')) {
    if (/urn:iso:std:iso:20022:tech:xsd:camt\.053\./.test(head)) {
      return { format: 'CAMT053', what: 'a CAMT.053 file' };
    }
    if (/^<(\?xml|!DOCTYPE|!--)/i.test(head) && /<OFX>/i.test(head)) {
      return { format: 'OFX', what: 'an OFX file' };
    }
    if (/^<(!DOCTYPE\s+)?html/i.test(head)) return { format: null, what: 'a web page (HTML)' };
    if (/urn:iso:std:iso:20022/.test(head)) {
      return { format: null, what: 'an ISO 20022 XML file other than a CAMT.053 statement' };
    }
    return { format: null, what: 'an XML file that is neither CAMT.053 nor OFX' };
  }
  if (/^[{[]/.test(head)) return { format: null, what: 'a JSON document' };
  return { format: 'CSV', what: 'a CSV file' };
}

const FORMAT_NAMES: Record<StatementFormat, string> = {
  CSV: 'CSV',
  OFX: 'OFX/QFX',
  QIF: 'QIF',
  CAMT053: 'CAMT.053',
};

export function parseStatement(
  data: Buffer,
  format: StatementFormat | 'AUTO',
  mapping?: CsvMapping | null,
  options: ParseOptions = {},
): ParsedStatement {
  const { format: found, what } = sniff(data);
  const claimed = format === 'AUTO' ? (found ?? 'CSV') : format;
  const fail = (message: string, line = 1, field: string | null = 'format') =>
    failedStatement(claimed, { line, field, message });
  if (!found) return fail(`This is ${what}, not a bank statement (CSV, OFX, QFX, QIF or CAMT.053)`);
  if (format !== 'AUTO' && found !== format) {
    return fail(`The file is not ${FORMAT_NAMES[format]}: its content looks like ${what}`);
  }
  try {
    switch (found) {
      case 'CSV': {
        const { text, encoding } = decodeText(data, mapping?.encoding);
        return parseCsv(text, mapping ?? {}, encoding, options.onProgress);
      }
      case 'OFX':
        return parseOfx(decodeText(data).text, options.onProgress);
      case 'QIF':
        return parseQif(decodeText(data).text, mapping?.dateFormat ?? null, options.onProgress);
      case 'CAMT053':
        return parseCamt(decodeText(data).text, options.onProgress);
    }
  } catch (error) {
    if (error instanceof StatementFileError) return fail(error.message, error.line, error.field);
    if (error instanceof UnknownEncodingError) return fail(error.message, 1, 'encoding');
    throw error;
  }
}
