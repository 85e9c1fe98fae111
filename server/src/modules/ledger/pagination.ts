import { badInput } from '../../errors';
import { requireDay } from '../../lib/validate';

export const PAGE_SIZE_MAX = 200;

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export function requirePageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > PAGE_SIZE_MAX) {
    throw badInput('first', `first must be a whole number from 1 to ${PAGE_SIZE_MAX}`);
  }
  return first;
}

/** A cursor names the last row seen by its (date, id): stable however many rows share a date. */
export function encodeCursor(row: { date: string; id: number }): string {
  return Buffer.from(JSON.stringify([row.date, row.id])).toString('base64url');
}

export function decodeCursor(cursor: unknown): { date: string; id: number } | null {
  if (cursor === undefined || cursor === null) return null;
  try {
    const [date, id] = JSON.parse(
      Buffer.from(String(cursor), 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof date === 'string' && typeof id === 'number' && Number.isSafeInteger(id)) {
      return { date: requireDay(date, 'after'), id };
    }
  } catch {
    // fall through to the one message for every malformed cursor
  }
  throw badInput('after', 'Cursor is not one this API gave out');
}

/** LIKE with "!" as the escape character, which means the same on SQLite and MySQL. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
