import fs from 'node:fs';
import path from 'node:path';
import type { ApiClient } from './api-client';
import { signUp, type TestUser } from './factories';

export type Role = 'OWNER' | 'EDITOR' | 'VIEWER';

export const INVITE = `mutation($l: ID!, $e: String!, $r: Role!) {
  inviteToLedger(ledgerId: $l, email: $e, role: $r)
}`;
export const ACCEPT = 'mutation($t: String!) { acceptInvitation(token: $t) { id name role } }';

/**
 * The invitation tokens mailed to `email` through the development outbox (DATA_DIR/mail),
 * oldest first, once there are at least `count`.
 */
export async function invitationTokens(
  dataDir: string,
  email: string,
  count = 1,
): Promise<string[]> {
  const outbox = path.join(dataDir, 'mail');
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).sort() : [];
    const tokens = files.flatMap((file) => {
      // Quoted-printable folds long lines with a trailing "=".
      const mail = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '');
      const link = /http:\/\/localhost:\d+\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail);
      return mail.toLowerCase().includes(`to: ${email.toLowerCase()}`) && link ? [link[1]] : [];
    });
    if (tokens.length >= count) return tokens;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Fewer than ${count} invitation mails for ${email}`);
}

export async function createLedger(owner: ApiClient, name = 'Household'): Promise<string> {
  const { createLedger: ledger } = await owner.data(
    'mutation($n: String!) { createLedger(name: $n) { id } }',
    { n: name },
  );
  return ledger.id as string;
}

/** Invites `member` (a new user unless given) into `ledgerId` with `role`, and accepts. */
export async function join(
  dataDir: string,
  owner: ApiClient,
  ledgerId: string,
  member: ApiClient,
  role: Role,
  user?: TestUser,
): Promise<TestUser> {
  const joined = user ?? (await signUp(member));
  const before = (await invitationTokens(dataDir, joined.email, 0)).length;
  await owner.data(INVITE, { l: ledgerId, e: joined.email, r: role });
  const tokens = await invitationTokens(dataDir, joined.email, before + 1);
  await member.data(ACCEPT, { t: tokens[tokens.length - 1] });
  return joined;
}
