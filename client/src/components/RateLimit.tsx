import { useCallback, useEffect, useState } from 'react';
import { retryAfterSeconds } from '../lib/errors';

/** "45 seconds", "1 minute", "15 minutes", "2 hours": a wait in words, rounded up. */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 2 * 60 * 60) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}

export interface RateLimit {
  /** When the server will listen again (ms since the epoch); null when not limited. */
  until: number | null;
  /** True when `error` was TOO_MANY_REQUESTS (and the wait has started). */
  catchLimit(error: unknown): boolean;
}

/** The wait after a TOO_MANY_REQUESTS answer; it ends by itself when the time is up. */
export function useRateLimit(now: () => number = Date.now): RateLimit {
  const [until, setUntil] = useState<number | null>(null);
  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setUntil(null), Math.max(0, until - now()));
    return () => clearTimeout(timer);
  }, [until, now]);
  const catchLimit = useCallback(
    (error: unknown) => {
      const seconds = retryAfterSeconds(error);
      if (seconds === null) return false;
      setUntil(now() + seconds * 1000);
      return true;
    },
    [now],
  );
  return { until, catchLimit };
}

/** Says how long to wait, and until when in the reader's own clock; announced once. */
export function RateLimitNotice({ until, what }: { until: number | null; what: string }) {
  if (until === null) return null;
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  const at = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(until));
  return (
    <p className="form-error rate-limit" role="alert" data-testid="rate-limit">
      Too many attempts. For your safety, {what} is paused: try again in {formatWait(seconds)} (at{' '}
      {at}).
    </p>
  );
}
