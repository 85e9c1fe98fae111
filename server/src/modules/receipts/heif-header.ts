/**
 * The picture sizes a HEIF/HEIC file declares, read from its boxes (ISO/IEC 14496-12 and
 * 23008-12) without decoding anything: the pixel limit is checked before a decoder allocates a
 * single row. Every image item has to carry its size ('ispe'); the largest one counts, so a
 * decompression bomb cannot hide behind a small primary picture.
 */
export interface HeifSize {
  /** The primary picture's size, before its rotation ('irot') is applied. */
  width: number;
  height: number;
  /** The largest number of pixels any image item of the file declares. */
  largestPixels: number;
}

interface Box {
  type: string;
  /** Where the box's payload starts and where the box ends, in the file. */
  start: number;
  end: number;
}

/** The boxes inside [start, end), or null when one of them does not fit there. */
function boxes(file: Buffer, start: number, end: number): Box[] | null {
  const found: Box[] = [];
  let at = start;
  while (at < end) {
    if (at + 8 > end) return null;
    let size = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return null;
      const large = file.readBigUInt64BE(at + 8);
      if (large > BigInt(end - at)) return null;
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) return null;
    found.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return found;
}

const child = (list: Box[], type: string) => list.find((b) => b.type === type);

/** The declared sizes, or null when the boxes that say them are missing or damaged. */
export function readHeifSize(file: Buffer): HeifSize | null {
  const top = boxes(file, 0, file.length);
  const meta = top && child(top, 'meta');
  // 'meta' is a full box: a version and flags precede its children.
  const inMeta = meta && boxes(file, meta.start + 4, meta.end);
  if (!inMeta) return null;
  const pitm = child(inMeta, 'pitm');
  const iprp = child(inMeta, 'iprp');
  const inIprp = iprp ? boxes(file, iprp.start, iprp.end) : null;
  if (!pitm || !inIprp || pitm.end - pitm.start < 6) return null;
  const ipco = child(inIprp, 'ipco');
  const properties = ipco && boxes(file, ipco.start, ipco.end);
  if (!properties) return null;
  const primary =
    file[pitm.start] === 0 ? file.readUInt16BE(pitm.start + 4) : file.readUInt32BE(pitm.start + 4);

  const sizes = new Map<number, { width: number; height: number }>();
  let largestPixels = 0;
  for (const [i, property] of properties.entries()) {
    if (property.type !== 'ispe') continue;
    if (property.end - property.start < 12) return null;
    const width = file.readUInt32BE(property.start + 4);
    const height = file.readUInt32BE(property.start + 8);
    // Property indices are 1-based: 0 means "no property".
    sizes.set(i + 1, { width, height });
    largestPixels = Math.max(largestPixels, width * height);
  }
  for (const ipma of inIprp.filter((b) => b.type === 'ipma')) {
    const size = primarySize(file, ipma, primary, sizes);
    if (size === 'damaged') return null;
    if (size && size.width > 0 && size.height > 0) return { ...size, largestPixels };
  }
  return null;
}

/** The 'ispe' associated with the primary item in this 'ipma' box, if any. */
function primarySize(
  file: Buffer,
  ipma: Box,
  primary: number,
  sizes: Map<number, { width: number; height: number }>,
): { width: number; height: number } | null | 'damaged' {
  const version = file[ipma.start];
  const wideIndices = (file[ipma.start + 3] & 1) === 1;
  let at = ipma.start + 4;
  const need = (n: number) => at + n <= ipma.end;
  if (!need(4)) return 'damaged';
  const entries = file.readUInt32BE(at);
  at += 4;
  for (let e = 0; e < entries; e++) {
    if (!need(version < 1 ? 3 : 5)) return 'damaged';
    const item = version < 1 ? file.readUInt16BE(at) : file.readUInt32BE(at);
    at += version < 1 ? 2 : 4;
    const count = file[at++];
    for (let a = 0; a < count; a++) {
      if (!need(wideIndices ? 2 : 1)) return 'damaged';
      // The top bit says "essential"; the rest is the property's index.
      const index = wideIndices ? file.readUInt16BE(at) & 0x7fff : file[at] & 0x7f;
      at += wideIndices ? 2 : 1;
      if (item === primary && sizes.has(index)) return sizes.get(index) ?? null;
    }
  }
  return null;
}
