import fs from 'node:fs';
import { HEIC_RECEIPT, withDeclaredSize } from './synthetic-heic';
import { decodeHeic } from './heic-decode';
import { readHeifSize } from './heif-header';

const fixture = fs.readFileSync(HEIC_RECEIPT.file);

describe('HEIC pictures', () => {
  test('the size is read from the boxes, and a file without them has none', () => {
    expect(readHeifSize(fixture)).toEqual({
      width: HEIC_RECEIPT.width,
      height: HEIC_RECEIPT.height,
      largestPixels: HEIC_RECEIPT.width * HEIC_RECEIPT.height,
    });
    expect(readHeifSize(withDeclaredSize(fixture, 10_000, 8_000))?.largestPixels).toBe(80_000_000);
    // Cut inside the 'meta' box, or only its ftyp: no size can be trusted.
    expect(readHeifSize(fixture.subarray(0, 120))).toBeNull();
    expect(readHeifSize(fixture.subarray(0, 28))).toBeNull();
    expect(readHeifSize(Buffer.alloc(0))).toBeNull();
    // A box that claims more bytes than the file has.
    const lying = Buffer.from(fixture);
    lying.writeUInt32BE(0x7fffffff, 28);
    expect(readHeifSize(lying)).toBeNull();
  });

  test('the primary picture decodes to RGBA of its size', async () => {
    const decoded = await decodeHeic(fixture, 50_000_000);
    expect(decoded.ok && [decoded.width, decoded.height, decoded.data.length]).toEqual([
      HEIC_RECEIPT.width,
      HEIC_RECEIPT.height,
      HEIC_RECEIPT.width * HEIC_RECEIPT.height * 4,
    ]);
    // Paper-coloured at the centre of the top margin, not black or transparent.
    const top = decoded.ok
      ? decoded.data.subarray(20 * 560 * 4 + 280 * 4, 20 * 560 * 4 + 284 * 4)
      : [];
    expect([...top].every((v) => v > 200)).toBe(true);
  }, 30_000);

  test('a truncated file, or one whose boxes understate the picture, is not decoded', async () => {
    const truncated = fixture.subarray(0, Math.floor(fixture.length * 0.6));
    expect(await decodeHeic(truncated, 50_000_000)).toEqual({ ok: false });
    // libheif's own pixel limit is lowered to the one given: it refuses to allocate the picture.
    expect(await decodeHeic(fixture, 100_000)).toEqual({ ok: false });
    // The boxes say 100 x 100 (passing any header check); the HEVC stream holds 560 x 700.
    expect(await decodeHeic(withDeclaredSize(fixture, 100, 100), 50_000_000)).toEqual({
      ok: false,
    });
  }, 30_000);
});
