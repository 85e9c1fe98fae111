import { useMutation } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { Loading } from '../../components/States';
import { PaymentRequestDocument } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { CopyButton } from '../security/clipboard';
import '../security/security.css';
import './splitting.css';

/** The text to share and, for euros to a member with an IBAN, the EPC QR a banking app scans. */
export function PaymentRequestDialog({
  groupId,
  fromMemberId,
  toMemberId,
  onClose,
}: {
  groupId: string;
  fromMemberId: string;
  toMemberId: string;
  onClose(): void;
}) {
  const [request, { data, error, loading }] = useMutation(PaymentRequestDocument);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    void request({ variables: { groupId, fromMemberId, toMemberId } }).catch(() => undefined);
  }, [request, groupId, fromMemberId, toMemberId]);
  const answer = data?.paymentRequest;
  return (
    <dialog
      ref={dialog}
      className="split-dialog"
      aria-labelledby="payment-request-title"
      onClose={onClose}
    >
      <h2 id="payment-request-title">Payment request</h2>
      {loading && <Loading label="Preparing the request…" />}
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {answer && (
        <>
          <label className="field">
            Text to share
            <textarea readOnly rows={4} value={answer.text} />
          </label>
          <div className="form-actions">
            {/* Says whether copying worked: the clipboard needs HTTPS and may be refused. */}
            <CopyButton text={answer.text} label="Copy text" className="" />
            {answer.link && <a href={answer.link}>Send by email</a>}
          </div>
          {answer.epcQr ? (
            <figure className="split-qr">
              <img src={answer.epcQr} alt="EPC QR code for a SEPA transfer" />
              <figcaption className="muted">
                Scan with a banking app to pay by SEPA transfer.
              </figcaption>
            </figure>
          ) : (
            <p className="muted">
              A QR code is shown for euro groups when the member being paid has an IBAN.
            </p>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button-link" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
