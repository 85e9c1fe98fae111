import fs from 'node:fs';
import path from 'node:path';

// server/assets sits two levels above this file both in src/lib and in dist/lib.
const LIST = path.join(__dirname, '..', '..', 'assets', 'common-passwords.txt');

let common: Set<string> | undefined;

/** True for one of the most common passwords (ASVS 5.0 6.2.4), ignoring case. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    fs
      .readFileSync(LIST, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common.has(password.toLowerCase());
}
