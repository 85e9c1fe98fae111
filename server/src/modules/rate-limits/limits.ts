export interface Limit {
  /** Part of the bucket name: what is counted. */
  name: string;
  max: number;
  windowMs: number;
  /** The longest wait, however often the limit is reached: never a permanent lockout. */
  maxBlockMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** security.md: failed logins per account and address, per account, resets and registrations. */
export const DEFAULT_LIMITS = {
  loginPerAccountAndAddress: {
    name: 'login-failure:account+ip',
    max: 10,
    windowMs: 15 * MINUTE,
    maxBlockMs: 24 * HOUR,
  },
  loginPerAccount: {
    name: 'login-failure:account',
    max: 100,
    windowMs: HOUR,
    maxBlockMs: 24 * HOUR,
  },
  resetRequestsPerAddress: {
    name: 'reset-request:ip',
    max: 5,
    windowMs: 15 * MINUTE,
    maxBlockMs: 6 * HOUR,
  },
  registrationsPerAddress: {
    name: 'registration:ip',
    max: 10,
    windowMs: HOUR,
    maxBlockMs: 6 * HOUR,
  },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof DEFAULT_LIMITS;
export type Limits = Record<LimitName, Limit>;
