import iconv from 'iconv-lite';

/**
 * Bytes of a bank file into text. Banks still write Windows-1252 (Excel's "CSV" on Windows, many
 * German and French banks): a file that is not valid UTF-8 is read as Windows-1252, the superset of
 * ISO-8859-1 for every printable character. UTF-16 appears when Excel saves "Unicode text".
 */

export type DetectedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: string;
}

export class UnknownEncodingError extends Error {}

export function decodeText(data: Buffer, encoding?: string | null): DecodedText {
  if (encoding) {
    const name = encoding.trim().toLowerCase();
    if (!iconv.encodingExists(name))
      throw new UnknownEncodingError(`Unknown encoding "${encoding}"`);
    return { text: stripBom(iconv.decode(data, name)), encoding: name };
  }
  const detected = detectEncoding(data);
  return { text: stripBom(iconv.decode(data, detected)), encoding: detected };
}

export function detectEncoding(data: Buffer): DetectedEncoding {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return 'utf-8';
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * What a file that is not a statement at all looks like, from its first bytes: a name for the
 * error message, or null when it may be text.
 */
export function binaryKind(data: Buffer): string | null {
  const head = data.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF document';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) {
    return 'a zip archive (or an Excel/OpenDocument spreadsheet)';
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip archive';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return 'an old Excel (.xls) or Word file';
  }
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) return null;
  // Text has no NUL bytes and few control characters; binary data has many.
  const sample = data.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return 'binary data';
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > sample.length / 20 ? 'binary data' : null;
}

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const CONTROL_OR_SPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f]+/g;

/** One line of text: line breaks, tabs and control characters inside a field become one space. */
export function cleanText(text: string): string {
  return text.replace(CONTROL_OR_SPACE_RUN, ' ').trim();
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** The predefined XML entities and character references; no other entity is ever expanded. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeChar(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeChar(parseInt(name.slice(1), 10), whole);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeChar(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
