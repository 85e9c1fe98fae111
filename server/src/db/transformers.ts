import type { ValueTransformer } from 'typeorm';

/**
 * BIGINT money columns: mysql2 hands them back as strings (bigNumberStrings), better-sqlite3 as
 * numbers. Values are kept within 2^53 on the way in (lib/validate.ts), so a number is exact.
 */
export const minorUnits: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** Other BIGINT columns (epoch milliseconds, counters): the same reading as a number. */
export const integerColumn = minorUnits;
