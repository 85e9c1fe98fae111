/**
 * What a file is, decided from its bytes alone: a name or a declared type is the sender's claim,
 * and a renamed SVG or HTML page must not come back later as something a browser renders.
 */
export type ContentTypeResult = { ok: true; type: string } | { ok: false; reason: string };

const startsWith = (content: Buffer, bytes: number[], offset = 0) =>
  content.length >= offset + bytes.length && bytes.every((b, i) => content[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// ISO BMFF brands of HEIF/HEIC stills and sequences (ISO/IEC 23008-12).
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const BINARY_SIGNATURES: { type: string; matches: (content: Buffer) => boolean }[] = [
  { type: 'application/pdf', matches: (c) => startsWith(c, ascii('%PDF-')) },
  {
    type: 'image/png',
    matches: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { type: 'image/jpeg', matches: (c) => startsWith(c, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/webp',
    matches: (c) => startsWith(c, ascii('RIFF')) && startsWith(c, ascii('WEBP'), 8),
  },
  {
    type: 'image/heic',
    matches: (c) =>
      startsWith(c, ascii('ftyp'), 4) && HEIF_BRANDS.has(c.subarray(8, 12).toString('latin1')),
  },
  {
    // A local file header, or the end record of an empty archive.
    type: 'application/zip',
    matches: (c) =>
      startsWith(c, [0x50, 0x4b, 0x03, 0x04]) || startsWith(c, [0x50, 0x4b, 0x05, 0x06]),
  },
];

// Markup a browser would render as a page or an image with scripts: refused wherever it starts
// in the head of the file, since browsers sniff past leading junk too.
const MARKUP = /<(svg|html|script|body|iframe)[\s>/]|<!doctype\s+(html|svg)/i;

// Control characters that do not occur in text files (tab, line feed, form feed, carriage
// return and the DOS end-of-file mark do).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_TEXT = /[\u0000-\u0008\u000b\u000e-\u0019\u001b-\u001f]/;

export function detectContentType(content: Buffer): ContentTypeResult {
  if (content.length === 0) return { ok: false, reason: 'The file is empty' };
  for (const signature of BINARY_SIGNATURES) {
    if (signature.matches(content)) return { ok: true, type: signature.type };
  }
  const text = decodeText(content);
  if (text === null) {
    return {
      ok: false,
      reason:
        'This kind of file is not supported: upload CSV, text, XML, OFX, QIF, JSON, zip, PDF, ' +
        'JPEG, PNG, WebP or HEIC',
    };
  }
  return classifyText(text);
}

/** The text of a UTF-8 or single-byte encoded file, or null for binary content. */
function decodeText(content: Buffer): string | null {
  const body = startsWith(content, [0xef, 0xbb, 0xbf]) ? content.subarray(3) : content;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Not UTF-8: a single-byte encoding (Windows-1252 bank statements) reads as latin1.
    text = body.toString('latin1');
  }
  return NON_TEXT.test(text) ? null : text;
}

function classifyText(text: string): ContentTypeResult {
  const head = text.slice(0, 4096);
  if (MARKUP.test(head)) {
    return {
      ok: false,
      reason: 'HTML and SVG files are not accepted: they can carry scripts',
    };
  }
  const start = head.trimStart();
  if (/^OFXHEADER:/.test(start)) return { ok: true, type: 'application/x-ofx' };
  if (start.startsWith('<')) {
    const ofx = /<\?OFX[\s?]|<OFX>/.test(head);
    return { ok: true, type: ofx ? 'application/x-ofx' : 'application/xml' };
  }
  if (/^!(Type|Account|Option|Clear)/i.test(start)) return { ok: true, type: 'application/qif' };
  if ((start.startsWith('{') || start.startsWith('[')) && isJson(text)) {
    return { ok: true, type: 'application/json' };
  }
  return { ok: true, type: looksLikeCsv(start) ? 'text/csv' : 'text/plain' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Two or more lines with the same number (> 0) of one delimiter; or one such line. */
function looksLikeCsv(head: string): boolean {
  const lines = head.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return false;
  const sample = lines.slice(0, lines.length > 1 ? Math.min(lines.length - 1, 5) : 1);
  return [',', ';', '\t'].some((delimiter) => {
    const count = (line: string) => line.split(delimiter).length - 1;
    const first = count(sample[0]);
    return first > 0 && sample.every((line) => count(line) === first);
  });
}
