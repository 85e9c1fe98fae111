import { normalisePayee } from '../../lib/payee';
import { commonMerchantCandidates, matchMerchant, type MerchantCandidate } from './merchant-match';
import { findCurrency, findDate, findTotal } from './receipt-extract';
import type { RawPixels } from './pdf-document';
import { ocrInput, pixelsOcrInput } from './receipt-image';
import type { OcrPool } from './ocr-pool';

/** What one reading found: each field with a confidence in percent (0..100). */
export interface ReceiptReading {
  text: string;
  merchant: string | null;
  merchantConfidence: number;
  merchantReadKey: string | null;
  suggestedCategory: string | null;
  date: string | null;
  dateConfidence: number;
  totalMinor: number | null;
  totalConfidence: number;
  currency: string | null;
}

const COMMON = commonMerchantCandidates();
const TEXT_MAX = 20_000;

/** The user's names first: their corrections, then their payees, then the common spellings. */
export function merchantCandidates(
  corrections: { readKey: string; merchant: string; category: string | null }[],
  payees: string[],
): MerchantCandidate[] {
  return [
    ...corrections.map((c) => ({
      name: c.merchant,
      key: c.readKey,
      source: 'correction' as const,
      category: c.category,
    })),
    ...payees.map((p) => ({ name: p, key: normalisePayee(p), source: 'payee' as const })),
    ...COMMON,
  ];
}

/** The fields of a receipt's text. `ocrConfidence` (0..1) scales every field's confidence. */
export function readFields(
  text: string,
  candidates: MerchantCandidate[],
  today: string,
  ocrConfidence = 1,
): ReceiptReading {
  const currency = findCurrency(text);
  const total = findTotal(text, currency.value);
  const date = findDate(text, currency.value, today);
  const merchant = matchMerchant(text, candidates);
  // The OCR's own doubt caps ours: a clean reading keeps the field's confidence, a poor one
  // lowers it, never below half of it.
  const scale = 0.5 + 0.5 * Math.max(0, Math.min(1, ocrConfidence));
  const percent = (c: number) => Math.round(c * scale * 100);
  return {
    text: text.slice(0, TEXT_MAX),
    merchant: merchant?.name ?? null,
    merchantConfidence: merchant ? percent(merchant.score) : 0,
    merchantReadKey: merchant?.readKey.slice(0, 100) ?? null,
    suggestedCategory: merchant?.category ?? null,
    date: date.value,
    dateConfidence: percent(date.confidence),
    totalMinor: total.value,
    totalConfidence: percent(total.confidence),
    currency: currency.value,
  };
}

/** Reads a stored receipt picture: prepared for OCR, recognised in the pool, then parsed. */
export async function readPicture(
  pool: OcrPool,
  image: Buffer,
  candidates: MerchantCandidate[],
  today: string,
): Promise<ReceiptReading> {
  const ocr = await pool.read(await ocrInput(image));
  return readFields(ocr.text, candidates, today, ocr.confidence);
}

/** Reads the drawn pages of a scanned PDF: each recognised in the pool, their text parsed as one. */
export async function readDrawnPages(
  pool: OcrPool,
  pages: RawPixels[],
  candidates: MerchantCandidate[],
  today: string,
): Promise<ReceiptReading> {
  const texts: string[] = [];
  let confidence = 0;
  for (const page of pages) {
    const ocr = await pool.read(await pixelsOcrInput(page));
    texts.push(ocr.text);
    confidence += ocr.confidence / pages.length;
  }
  return readFields(texts.join('\n'), candidates, today, confidence);
}
