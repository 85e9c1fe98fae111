import { WorkerTasks } from './worker-task';

/** Pixels as pdf.js draws them: RGBA, row by row. */
export interface RawPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

export type PdfTask = {
  content: Uint8Array;
  /** No picture inside the PDF is decoded beyond this. */
  maxImagePixels: number;
  /** No page is drawn on a larger canvas than this. */
  maxRenderPixels: number;
} & ({ kind: 'text'; thumbnailWidth: number } | { kind: 'render'; maxPages: number });

export type PdfAnswer =
  | { ok: true; pages: number; text: string; firstPage: RawPixels | null }
  | { ok: true; pages: number; drawn: RawPixels[] }
  | { ok: false };

/** 12 megapixels: an A4 page at 300 dpi (8.7 MP) fits, a poster-sized page is drawn smaller. */
const MAX_RENDER_PIXELS = 12_000_000;
/** A receipt printed over more pages than this has its total on one of them anyway. */
export const MAX_OCR_PAGES = 3;

/**
 * pdf.js runs in worker threads with a memory limit and a time limit: a PDF is a program of
 * sorts, and a hostile one must take neither the event loop nor the process's memory. Scripts in
 * PDFs are never evaluated; nothing is fetched. Two at once: a drawn page takes about 50 MB.
 */
const tasks = new WorkerTasks('pdf', 2);

/**
 * A PDF's page count, its own text layer, and its first page drawn `thumbnailWidth` pixels wide
 * (null when pdf.js cannot draw it); `{ ok: false }` for a damaged PDF.
 */
export async function readPdf(
  content: Buffer,
  thumbnailWidth: number,
  maxImagePixels: number,
): Promise<{ ok: true; pages: number; text: string; firstPage: RawPixels | null } | { ok: false }> {
  const answer = await tasks.run<PdfAnswer>(
    {
      kind: 'text',
      content: new Uint8Array(content),
      thumbnailWidth,
      maxImagePixels,
      maxRenderPixels: MAX_RENDER_PIXELS,
    } satisfies PdfTask,
    { timeoutMs: 20_000, maxOldGenerationSizeMb: 256 },
  );
  return answer?.ok && 'text' in answer ? answer : { ok: false };
}

/**
 * The first pages of a PDF (at most MAX_OCR_PAGES) drawn at 300 dpi for the OCR, or null when
 * they cannot be drawn within the time limit.
 */
export async function drawPdfPages(
  content: Buffer,
  maxImagePixels: number,
): Promise<RawPixels[] | null> {
  const answer = await tasks.run<PdfAnswer>(
    {
      kind: 'render',
      content: new Uint8Array(content),
      maxPages: MAX_OCR_PAGES,
      maxImagePixels,
      maxRenderPixels: MAX_RENDER_PIXELS,
    } satisfies PdfTask,
    { timeoutMs: 60_000, maxOldGenerationSizeMb: 512 },
  );
  return answer?.ok && 'drawn' in answer ? answer.drawn : null;
}

/**
 * Whether the PDF's text layer is worth reading: a scan carries none, or a line or two a
 * scanning app stamps on it; a receipt printed to PDF carries all of its text.
 */
export function hasTextLayer(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 12;
}
