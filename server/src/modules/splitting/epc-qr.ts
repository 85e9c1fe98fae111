import QRCode from 'qrcode';
import { characterCount } from '../../lib/validate';

/** EPC069-12 caps the whole payload at 331 bytes; its fields have their own limits. */
export const EPC_MAX_BYTES = 331;
/** The largest amount the format's amount field carries: EUR999999999.99, in cents. */
export const EPC_MAX_CENTS = 99_999_999_999n;
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;

export interface EpcPayment {
  name: string;
  iban: string;
  /** "12.34": euros with two decimals, from 0.01 to 999999999.99. */
  amount: string;
  remittance: string;
  bic?: string | null;
}

function clip(text: string, max: number): string {
  // Line breaks would shift every later field; code points, not UTF-16 units, are counted.
  const flat = text.replace(/[\r\n]+/g, ' ').trim();
  return characterCount(flat) <= max ? flat : [...flat].slice(0, max).join('');
}

/**
 * The payload of the European Payments Council's "SEPA credit transfer" QR code (EPC069-12,
 * version 002, UTF-8): service tag, version, character set, identification, BIC (optional in
 * 002), name, IBAN, amount, purpose, structured reference, unstructured remittance; one per line.
 * The remittance is shortened, one character at a time, until the payload fits 331 bytes.
 */
export function epcPayload(payment: EpcPayment): string {
  let remittance = clip(payment.remittance, REMITTANCE_MAX);
  const build = () =>
    [
      'BCD',
      '002',
      '1',
      'SCT',
      payment.bic ?? '',
      clip(payment.name, NAME_MAX),
      payment.iban,
      `EUR${payment.amount}`,
      '',
      '',
      remittance,
    ].join('\n');
  let payload = build();
  while (Buffer.byteLength(payload, 'utf8') > EPC_MAX_BYTES && remittance.length > 0) {
    remittance = [...remittance].slice(0, -1).join('');
    payload = build();
  }
  return payload;
}

/**
 * The payload as a PNG data: URL. EPC069-12 asks for error correction level M; the quiet zone
 * and the module size are the library's defaults, which banking apps read.
 */
export function epcQrDataUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, {
    errorCorrectionLevel: 'M',
    type: 'image/png',
    margin: 4,
    scale: 4,
  });
}
