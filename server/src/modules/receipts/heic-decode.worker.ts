import { parentPort, workerData } from 'node:worker_threads';
import libheif from 'libheif-js/wasm-bundle';
import type { HeicDecoded } from './heic-decode';

// libheif's own default: 32768 x 32768 pixels, where this file's layout check expects it.
const LIBHEIF_DEFAULT_MAX_PIXELS = 32768 * 32768;

/**
 * Lowers libheif's pixel limit to ours, so that no picture it allocates (a tile, a grid's canvas)
 * passes it even when the file's boxes lied about sizes. The limits are a C struct in the
 * WebAssembly memory (heif_security_limits: a version byte, then max_image_size_pixels as a
 * 64-bit number at offset 8); it is only written when the default is found where expected.
 */
function limitPixels(maxPixels: number): void {
  const address = libheif._heif_get_global_security_limits();
  const at = address / 4 + 2;
  if (address % 8 !== 0 || libheif.HEAPU8[address] < 1) return;
  if (libheif.HEAPU32[at] !== LIBHEIF_DEFAULT_MAX_PIXELS || libheif.HEAPU32[at + 1] !== 0) return;
  libheif.HEAPU32[at] = maxPixels;
}

/** Decodes a HEIC picture's primary image to RGBA off the main thread; see heic-decode.ts. */
async function main(): Promise<HeicDecoded> {
  const { content, maxPixels } = workerData as { content: Uint8Array; maxPixels: number };
  limitPixels(maxPixels);
  const decoder = new libheif.HeifDecoder();
  const images = decoder.decode(content);
  try {
    const image = images.find((i) => i.is_primary()) ?? images[0];
    if (!image) return { ok: false };
    const width = image.get_width();
    const height = image.get_height();
    if (width <= 0 || height <= 0) return { ok: false };
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    const decoded = await new Promise<{ data: Uint8ClampedArray } | null>((resolve) =>
      image.display(target, resolve),
    );
    if (!decoded) return { ok: false };
    return { ok: true, width, height, data: new Uint8Array(decoded.data.buffer) };
  } finally {
    for (const image of images) image.free();
    decoder.decoder?.delete();
  }
}

// libheif-js reports its failures on the console; the caller turns them into a clear answer.
console.log = () => undefined;
main().then(
  (answer) => parentPort?.postMessage(answer, answer.ok ? [answer.data.buffer as ArrayBuffer] : []),
  () => parentPort?.postMessage({ ok: false } satisfies HeicDecoded),
);
