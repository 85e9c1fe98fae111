/** The browser's own IANA time zone, "UTC" when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * Every zone the browser knows, with `keep` (the saved one, the browser's) added when missing:
 * Chromium's list leaves out "UTC" itself.
 */
export function timeZoneChoices(keep: string[] = []): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, 'UTC', ...keep])].sort();
}
