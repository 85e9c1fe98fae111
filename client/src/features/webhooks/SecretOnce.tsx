import { CopyButton } from '../security/clipboard';

/** A signing secret as the API shows it, once: at creation and after "New secret". */
export function SecretOnce({
  secret,
  lead = 'Copy the signing secret now: it is shown only once.',
  onDone,
}: {
  secret: string;
  lead?: string;
  onDone: () => void;
}) {
  return (
    <div className="secret-once" role="status">
      <p>
        <strong>{lead}</strong> Verify each delivery’s <code>X-Signature</code> with it.
      </p>
      <code className="secret" aria-label="Signing secret">
        {secret}
      </code>
      <div className="form-actions">
        <CopyButton text={secret} label="Copy secret" />
        <button type="button" className="button-link" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
