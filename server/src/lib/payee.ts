/**
 * The key that makes "NETFLIX.COM 4471", "Netflix.com #4502" and "netflix com" one payee: lower
 * case, digits (card, reference and order numbers) dropped, punctuation and spaces collapsed.
 * Used by the categorizer's payee history and by recurring detection; empty when nothing is left.
 */
export function normalisePayee(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{N}+/gu, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/** The text a transaction is known by: its payee when it has one, else its description. */
export function payeeKey(payee: string | null, description: string): string {
  const fromPayee = payee ? normalisePayee(payee) : '';
  return fromPayee !== '' ? fromPayee : normalisePayee(description);
}
