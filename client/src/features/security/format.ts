/** Words for the server's security event types, user agents and timestamps; no React. */

const EVENT_WORDS: Record<string, string> = {
  LOGIN_SUCCEEDED: 'Logged in',
  LOGIN_FAILED: 'Failed log-in',
  PASSWORD_RESET_REQUESTED: 'Password reset requested',
  PASSWORD_RESET_COMPLETED: 'Password reset by email link',
  PASSWORD_CHANGED: 'Password changed',
  TOKEN_CREATED: 'API token created',
  TOKEN_REVOKED: 'API token revoked',
  TWO_FACTOR_ENABLED: 'Two-factor sign-in turned on',
  TWO_FACTOR_DISABLED: 'Two-factor sign-in turned off',
  RECOVERY_CODE_USED: 'Recovery code used',
};

/** "LOGIN_FAILED" -> "Failed log-in"; a type this client does not know yet -> "Some new type". */
export function eventInWords(type: string): string {
  const known = EVENT_WORDS[type];
  if (known) return known;
  const words = type.toLowerCase().replace(/_+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Unknown event';
}

const FAILURE_DETAILS: Record<string, string> = {
  password: 'wrong username or password',
  'two-factor code': 'wrong authenticator code',
};

/** The event's detail as the reader needs it (the token's name, why a log-in failed). */
export function eventDetail(type: string, detail: string | null | undefined): string | null {
  if (!detail) return null;
  if (type === 'LOGIN_FAILED') return FAILURE_DETAILS[detail] ?? detail;
  return detail;
}

/** "Chrome on Linux", "Firefox on Windows", "curl": enough to recognise one's own device. */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /HeadlessChrome\//.test(ua)
          ? 'Headless Chrome'
          : /Chrom(e|ium)\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua) && /Version\//.test(ua)
              ? 'Safari'
              : null;
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  // Scripts and tools ("curl/8.5.0", "node"): their own first word.
  const first = ua.split(/[\s/]/)[0];
  return first ? first.slice(0, 40) : null;
}

/** An ISO timestamp as a date and time in the reader's locale and time zone. */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** Whether a token's expiry (ISO, or null for never) has passed. */
export function isExpired(expiresAt: string | null, now: number = Date.now()): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= now;
}

/** Base64 of a text's UTF-8 bytes, for data: URLs. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The server's QR code SVG as an image address: drawn as a picture, never as markup. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${base64Utf8(svg)}`;
}

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type from the screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** "::ffff:203.0.113.9" (an IPv4 address as IPv6 servers see it) -> "203.0.113.9". */
export function displayAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/**
 * A token's expiry. The server makes a token chosen to expire on a day work through the end of
 * that day (UTC), so it stores the next midnight: that reads best as the day itself.
 */
export function formatExpiry(iso: string, locale?: string): string {
  const moment = new Date(iso);
  if (moment.getTime() % 86_400_000 === 0) {
    const day = new Date(moment.getTime() - 1);
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      day,
    );
    return `End of ${date} (UTC)`;
  }
  return formatDateTime(iso, locale);
}
