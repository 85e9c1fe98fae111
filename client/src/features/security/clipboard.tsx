import { useEffect, useState } from 'react';

/** Copies `text`; says whether it worked. Needs a secure context (HTTPS or localhost). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A copy button that says "Copied" (or how to copy by hand), announced politely. */
export function CopyButton({
  text,
  label,
  className = 'button-secondary',
}: {
  text: string;
  label: string;
  className?: string;
}) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (result !== 'copied') return;
    const timer = setTimeout(() => setResult(null), 4000);
    return () => clearTimeout(timer);
  }, [result]);
  return (
    <span className="copy">
      <button
        type="button"
        className={className}
        onClick={async () => setResult((await copyText(text)) ? 'copied' : 'failed')}
      >
        {label}
      </button>
      <span role="status" className="copy-status">
        {result === 'copied' && 'Copied to the clipboard.'}
        {result === 'failed' && 'Could not copy: select the text and copy it by hand.'}
      </span>
    </span>
  );
}

/** Offers `text` as a file to save, built in the page (no request to the server). */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
