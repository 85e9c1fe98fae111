/** The expense list's filters, kept in its address so that a reload, a link or "back" keeps them. */
export const FILTER_KEYS = ['month', 'category', 'search'] as const;

/**
 * "?month=2024-03&category=Food" with only the list's filters from `params`, or "" when none: an
 * edit page carries it and hands it back to the list, so nothing else rides along.
 */
export function filtersSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
