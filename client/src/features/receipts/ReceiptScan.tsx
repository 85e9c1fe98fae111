import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ReceiptDocument, ScanReceiptDocument, type ReceiptQuery } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { uploadFile } from '../../lib/uploadFile';
import './receipts.css';

export type ScannedReceipt = NonNullable<ReceiptQuery['receipt']>;

const STATUS_TEXT: Record<string, string> = {
  QUEUED: 'Waiting to be read…',
  READING: 'Reading the receipt…',
  READ: 'Read. Check the fields below, correct what is wrong, and save.',
  FAILED: 'The receipt could not be read.',
};

/** How sure a field is, in words a person can act on. */
export function confidenceHint(field: { value?: string | null; confidence: number }): string {
  if (!field.value) return 'Not found on the receipt: please fill it in.';
  if (field.confidence >= 0.85) return 'Read from the receipt.';
  if (field.confidence >= 0.6) return 'Read from the receipt: worth a check.';
  return 'A guess from the receipt: please check it.';
}

/**
 * What the picker offers. Desktop browsers do not count HEIC as image/*: an iPhone photo copied
 * to a computer is offered by its type and its extensions as well.
 */
const RECEIPT_ACCEPT = 'image/*,image/heic,image/heif,.heic,.heif,application/pdf,.pdf';

/**
 * "Scan a receipt": a file picker (the camera on a phone) and a drop zone. The picture is
 * uploaded, queued for reading on the server, and its status followed until it is read; then
 * `onRead` hands the receipt to the form. Reading happens on the server, with nothing sent
 * anywhere else.
 */
export function ReceiptScan({ onRead }: { onRead(receipt: ScannedReceipt): void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [receiptId, setReceiptId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [scan] = useMutation(ScanReceiptDocument);
  const handed = useRef<string | null>(null);
  const { data, refetch } = useQuery(ReceiptDocument, {
    variables: { id: receiptId ?? '' },
    skip: !receiptId,
    fetchPolicy: 'network-only',
  });
  const receipt = data?.receipt ?? null;
  const finished = receipt?.status === 'READ' || receipt?.status === 'FAILED';

  // Followed once a second until read: OCR takes a second or two per receipt.
  useEffect(() => {
    if (!receiptId || finished) return;
    const timer = setInterval(() => void refetch(), 1000);
    return () => clearInterval(timer);
  }, [receiptId, finished, refetch]);

  useEffect(() => {
    if (receipt?.status === 'READ' && handed.current !== receipt.id) {
      handed.current = receipt.id;
      onRead(receipt);
    }
  }, [receipt, onRead]);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setReceiptId(null);
    setBusy(true);
    try {
      const uploaded = await uploadFile(file);
      const { data: scanned } = await scan({ variables: { uploadId: uploaded.id } });
      setReceiptId(scanned!.scanReceipt.id);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void send(event.dataTransfer.files[0]);
  };

  const status = busy ? 'Uploading…' : receipt ? STATUS_TEXT[receipt.status] : null;
  return (
    <div
      className={`receipt-scan${over ? ' receipt-scan-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {receipt && (
        <img
          className="receipt-scan-thumb"
          src={receipt.thumbnailUrl}
          alt={`Receipt ${receipt.name}`}
          width={72}
        />
      )}
      <div className="receipt-scan-body">
        <label htmlFor={inputId} className="receipt-scan-label">
          Scan a receipt
        </label>
        <p className="muted receipt-scan-help">
          Take a photo or choose a picture (JPEG, PNG, WebP, HEIC) or PDF, or drop it here. The
          merchant, date and total are read on our server, nowhere else.
        </p>
        <input
          id={inputId}
          ref={input}
          type="file"
          name="receipt"
          accept={RECEIPT_ACCEPT}
          capture="environment"
          disabled={busy}
          onChange={(event) => void send(event.currentTarget.files?.[0])}
        />
        <p className="receipt-scan-status" role="status" aria-live="polite">
          {(busy || (receipt && !finished)) && <span className="spinner" aria-hidden="true" />}
          {status}
        </p>
        {receipt?.status === 'FAILED' && (
          <p className="form-error" role="alert">
            {receipt.failure ?? 'The receipt could not be read.'} You can still type the expense
            below.
          </p>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </div>
  );
}
