/** Ids are positive integers; anything else cannot name a record, so it is simply not found. */
export function parseId(id: string | number): number | null {
  const text = String(id);
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}
