import { parentPort, workerData } from 'node:worker_threads';

/** Reads a PDF's page count and text layer off the main thread; see pdf-text.ts. */
async function main(): Promise<void> {
  const { content } = workerData as { content: Uint8Array };
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(content, { isEvalSupported: false, stopAtErrors: true });
    const pages = pdf.numPages;
    const { text } = pages > 0 ? await extractText(pdf, { mergePages: true }) : { text: '' };
    parentPort?.postMessage({ ok: true, pages, text });
  } catch {
    parentPort?.postMessage({ ok: false });
  }
}

void main();
