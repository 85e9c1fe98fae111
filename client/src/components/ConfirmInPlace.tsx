import type { ReactNode } from 'react';

/**
 * A question asked where the button that raised it was: the danger answer first and focused,
 * "Keep it" beside it. What the answer does (and says) is the caller's.
 */
export function ConfirmInPlace({
  question,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  question: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void | Promise<void>;
  onCancel(): void;
}) {
  return (
    <p className="confirm">
      <span>{question}</span>
      <button
        type="button"
        className="button-danger button-small"
        autoFocus
        disabled={busy}
        onClick={() => void onConfirm()}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button-link" onClick={onCancel}>
        Keep it
      </button>
    </p>
  );
}
