import sharp, { type Sharp } from 'sharp';
import { badInput } from '../../errors';
import { decodeHeic } from './heic-decode';
import { readHeifSize } from './heif-header';
import type { RawPixels } from './pdf-document';

/**
 * The picture pipeline of a receipt, all in libvips' own threads (sharp is asynchronous): the
 * bytes are decoded under a pixel limit, turned upright by their EXIF orientation and re-encoded
 * without any metadata (a phone's photo carries where it was taken: GPS is never stored).
 */

/**
 * 50 megapixels: a 48 MP phone photo (the main camera of recent phones at full resolution) has
 * room, a decompression bomb does not.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The stored picture's longer side: legible when zoomed, a fraction of the original's size. */
const STORED_MAX_SIDE = 2400;
export const THUMBNAIL_WIDTH = 320;
/** Receipts are tall and narrow; text of this width reads best with tesseract's LSTM model. */
const OCR_MAX_WIDTH = 1400;
const OCR_MIN_WIDTH = 900;

export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);

export interface PreparedImage {
  /** The stored picture: upright JPEG, no metadata. */
  image: Buffer;
  thumbnail: Buffer;
}

const FIELD = 'uploadId';

/** Decodes, checks and prepares one uploaded picture; a clear BAD_USER_INPUT when it cannot. */
export async function prepareImage(content: Buffer, type: string): Promise<PreparedImage> {
  if (!IMAGE_TYPES.has(type)) {
    throw badInput(FIELD, 'A receipt must be a photo (JPEG, PNG, WebP, HEIC) or a PDF');
  }
  if (type === 'image/heic') return prepareHeic(content);
  let width: number;
  let height: number;
  try {
    const meta = await sharp(content, { limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch {
    throw unreadable();
  }
  checkPixels(width * height);
  try {
    // failOn 'error' refuses a truncated or corrupt JPEG instead of reading half a picture.
    return await stored(
      sharp(content, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate(),
    );
  } catch {
    throw unreadable();
  }
}

/**
 * An iPhone's HEIC: its size read from the file's boxes and checked before anything is decoded,
 * then decoded by libheif in a worker thread (sharp's prebuilt libvips has no HEVC decoder) and
 * prepared from the raw pixels like any other picture. libheif applies the file's rotation.
 */
async function prepareHeic(content: Buffer): Promise<PreparedImage> {
  const size = readHeifSize(content);
  if (!size) throw heicUnreadable();
  checkPixels(size.largestPixels);
  const decoded = await decodeHeic(content, MAX_INPUT_PIXELS);
  if (!decoded.ok) throw heicUnreadable();
  const { width, height, data } = decoded;
  try {
    return await stored(
      sharp(data, { raw: { width, height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS }),
    );
  } catch {
    throw heicUnreadable();
  }
}

function checkPixels(pixels: number): void {
  if (pixels > MAX_INPUT_PIXELS) {
    throw badInput(
      FIELD,
      `The picture has ${Math.round(pixels / 1e6)} megapixels; receipts up to ` +
        `${MAX_INPUT_PIXELS / 1e6} megapixels are accepted`,
    );
  }
}

/** The stored picture and its thumbnail, from an upright decoded picture. */
async function stored(upright: Sharp): Promise<PreparedImage> {
  const pixels = await upright
    .resize({
      width: STORED_MAX_SIDE,
      height: STORED_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: pixels.info };
  const base = () => sharp(pixels.data, raw);
  const [image, thumbnail] = await Promise.all([
    base().jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
    base()
      .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer(),
  ]);
  return { image, thumbnail };
}

const unreadable = () =>
  badInput(FIELD, 'The picture could not be read: the file is damaged or not an image');
const heicUnreadable = () =>
  badInput(FIELD, 'The HEIC photo could not be read: the file is damaged or incomplete');

/** Grey, despeckled, scaled to a width tesseract reads well, contrast stretched. */
function forOcr(image: Sharp, width: number): Promise<Buffer> {
  return (
    image
      .greyscale()
      // Speckle noise and a photo's grain confuse the recogniser more than a little softness.
      .median(3)
      .resize({ width: Math.min(OCR_MAX_WIDTH, Math.max(OCR_MIN_WIDTH, width)) })
      .normalise()
      .png({ compressionLevel: 1 })
      .toBuffer()
  );
}

/** The OCR input of a stored receipt picture (already upright and checked). */
export async function ocrInput(stored: Buffer): Promise<Buffer> {
  const image = sharp(stored, { limitInputPixels: MAX_INPUT_PIXELS });
  const { width = OCR_MIN_WIDTH } = await image.metadata();
  return forOcr(image, width);
}

/**
 * A drawn PDF page without its white margins: a receipt scanned on an A4 flatbed covers a third
 * of the page, and both its thumbnail and the OCR should see the receipt, not the page. Kept raw:
 * encoding a 300 dpi page costs more than everything else done to it.
 */
async function withoutMargins(page: RawPixels): Promise<Sharp> {
  const raw = { raw: { width: page.width, height: page.height, channels: 4 as const } };
  const flat = () => sharp(page.data, raw).flatten({ background: '#ffffff' });
  let cut;
  try {
    cut = await flat()
      .trim({ background: '#ffffff', threshold: 24 })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    // A blank page has nothing to trim to.
    cut = await flat().raw().toBuffer({ resolveWithObject: true });
  }
  const { width, height, channels } = cut.info;
  return sharp(cut.data, { raw: { width, height, channels } });
}

/** The thumbnail of a PDF's first page, drawn a few times wider than the thumbnail. */
export async function pixelsThumbnail(page: RawPixels): Promise<Buffer> {
  return (await withoutMargins(page))
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
}

/** The OCR input of a PDF page drawn at 300 dpi. */
export async function pixelsOcrInput(page: RawPixels): Promise<Buffer> {
  const image = await withoutMargins(page);
  const { width = OCR_MIN_WIDTH } = await image.metadata();
  return forOcr(image, width);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A PDF's thumbnail when pdf.js cannot draw its first page: its first lines of text. */
export async function textThumbnail(text: string): Promise<Buffer> {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 14)
    .map((l) => (l.length > 34 ? `${l.slice(0, 33)}…` : l));
  const body = lines
    .map((line, i) => `<text x="16" y="${58 + i * 22}" font-size="15">${escapeXml(line)}</text>`)
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMBNAIL_WIDTH}" height="400" font-family="DejaVu Sans Mono, monospace">` +
    `<rect width="100%" height="100%" fill="#ffffff"/><text x="16" y="30" font-size="16" font-weight="bold" fill="#b91c1c">PDF</text>${body}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
