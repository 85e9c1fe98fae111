import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfAnswer, PdfTask, RawPixels } from './pdf-document';

// pdf.js's own files, read from disk: nothing is fetched (fonts for the 14 standard fonts,
// character maps, colour profiles, and the JBIG2/JPEG 2000 decoders that scanners use).
const PDFJS = path.dirname(require.resolve('pdfjs-dist/package.json'));
const folder = (name: string) => `${path.join(PDFJS, name)}${path.sep}`;

// @napi-rs/canvas draws what pdf.js asks of a browser's canvas.
type RenderParameters = Parameters<PDFPageProxy['render']>[0];

async function open(content: Uint8Array): Promise<PDFDocumentProxy> {
  // An ES module: Node 20.19+ loads it with require(), which TypeScript's CommonJS output uses.
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return getDocument({
    data: content,
    isEvalSupported: false,
    // What can be read and drawn of a slightly broken file is; a broken structure still fails.
    stopAtErrors: false,
    // Glyphs are drawn as paths: no system fonts, no FontFace.
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    iccUrl: folder('iccs'),
    wasmUrl: folder('wasm'),
    // A picture inside the PDF is a picture like any other: no decompression bombs.
    maxImageSize: (workerData as PdfTask).maxImagePixels,
    verbosity: VerbosityLevel.ERRORS,
  }).promise;
}

/** The page's text as unpdf joins it: lines where the PDF ends them. */
async function pageText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  return content.items
    .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
    .join('');
}

/**
 * Draws the page on a white canvas as RGBA, at `scale` (given the page's size in points) or less:
 * never more than `maxPixels`, whatever size the page claims.
 */
async function draw(
  page: PDFPageProxy,
  scaleFor: (width: number) => number,
  maxPixels: number,
): Promise<RawPixels> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const natural = page.getViewport({ scale: 1 });
  const scale = Math.min(
    scaleFor(natural.width),
    Math.sqrt(maxPixels / (natural.width * natural.height)),
  );
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(
    Math.max(1, Math.floor(viewport.width)),
    Math.max(1, Math.floor(viewport.height)),
  );
  const context = canvas.getContext('2d');
  await page.render({
    canvas: canvas as unknown as RenderParameters['canvas'],
    canvasContext: context as unknown as RenderParameters['canvasContext'],
    viewport,
    background: '#ffffff',
  }).promise;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  page.cleanup();
  return { width: canvas.width, height: canvas.height, data: new Uint8Array(pixels.data.buffer) };
}

async function run(task: PdfTask): Promise<PdfAnswer> {
  const pdf = await open(task.content);
  try {
    const pages = pdf.numPages;
    if (task.kind === 'text') {
      const texts: string[] = [];
      for (let n = 1; n <= pages; n++) texts.push(await pageText(await pdf.getPage(n)));
      const text = texts
        .join('\n')
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .replace(/\n{3,}/g, '\n\n');
      let firstPage: RawPixels | null = null;
      try {
        if (pages > 0) {
          const first = await pdf.getPage(1);
          firstPage = await draw(first, (w) => task.thumbnailWidth / w, task.maxRenderPixels);
        }
      } catch {
        // A page pdf.js cannot draw keeps the text card as its thumbnail.
      }
      return { ok: true, pages, text, firstPage };
    }
    const drawn: RawPixels[] = [];
    for (let n = 1; n <= Math.min(pages, task.maxPages); n++) {
      // At 300 dpi, as a scanner would: small print stays legible to the OCR.
      drawn.push(await draw(await pdf.getPage(n), () => 300 / 72, task.maxRenderPixels));
    }
    return { ok: true, pages, drawn };
  } finally {
    await pdf.destroy();
  }
}

run(workerData as PdfTask).then(
  (answer) => {
    const pixels = answer.ok ? ('drawn' in answer ? answer.drawn : [answer.firstPage]) : [];
    const transfer = pixels.flatMap((p) => (p ? [p.data.buffer as ArrayBuffer] : []));
    parentPort?.postMessage(answer, transfer);
  },
  () => parentPort?.postMessage({ ok: false } satisfies PdfAnswer),
);
