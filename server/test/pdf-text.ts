import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// unpdf (pdf.js) is an ES module that loads its parts by dynamic import, which Jest's CommonJS
// sandbox refuses: it runs in a plain Node process instead.
const SCRIPT = `
import { extractText, getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const page = await pdf.getPage(1);
const { text, totalPages } = await extractText(pdf, { mergePages: true });
process.stdout.write(JSON.stringify({ text, pages: totalPages, width: page.view[2], height: page.view[3] }));
`;

/** The text of a PDF and the size of its first page, in points. */
export async function pdfText(
  pdf: Uint8Array,
): Promise<{ text: string; pages: number; width: number; height: number }> {
  const child = run(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: __dirname,
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stdin?.end(Buffer.from(pdf));
  const { stdout } = await child;
  return JSON.parse(stdout) as { text: string; pages: number; width: number; height: number };
}
