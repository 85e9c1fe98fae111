import { WorkerTasks } from './worker-task';

export type HeicDecoded =
  | { ok: true; width: number; height: number; /** RGBA, row by row. */ data: Uint8Array }
  | { ok: false };

/**
 * One at a time: a 50-megapixel photo takes about 500 MB while it is decoded (libheif's planes
 * and the RGBA copy), more than two of them should not take at once on a small server.
 */
const tasks = new WorkerTasks('heic-decode', 1);

/**
 * The primary picture of a HEIC/HEIF file as RGBA, decoded by libheif (WebAssembly, with its
 * HEVC decoder libde265) in a worker thread: the prebuilt libvips of sharp has no HEVC decoder.
 * Rotation and mirroring stored in the file are applied. `maxPixels` must have been checked
 * against the file's header already; libheif enforces it again on what it allocates.
 */
export async function decodeHeic(content: Buffer, maxPixels: number): Promise<HeicDecoded> {
  const answer = await tasks.run<HeicDecoded>(
    { content: new Uint8Array(content), maxPixels },
    { timeoutMs: 30_000, maxOldGenerationSizeMb: 256 },
  );
  return answer ?? { ok: false };
}
