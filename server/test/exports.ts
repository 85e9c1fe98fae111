import type { ApiClient } from './api-client';
import { upload } from './uploads';

/** GET /api/export as the browser sends it (session cookie), or as a script (`bearer`). */
export async function download(
  client: ApiClient,
  format: 'json' | 'csv',
  options: { bearer?: string; query?: string; anonymous?: boolean } = {},
): Promise<{ status: number; type: string | null; disposition: string | null; body: Buffer }> {
  const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  const headers: Record<string, string> = options.anonymous
    ? {}
    : options.bearer
      ? { authorization: `Bearer ${options.bearer}` }
      : { cookie };
  const response = await fetch(`${client.url}/api/export?format=${format}${options.query ?? ''}`, {
    headers,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function exportJson(client: ApiClient): Promise<Record<string, any>> {
  const answer = await download(client, 'json');
  if (answer.status !== 200) throw new Error(`Export answered ${answer.status}`);
  return JSON.parse(answer.body.toString('utf8')) as Record<string, any>;
}

export const IMPORT_LEDGER = `mutation($id: ID!) {
  importLedger(uploadId: $id) {
    importId status imported skippedDuplicates failed progress errors { line field message }
  }
}`;

/** Uploads `document` and restores it; the GraphQL answer as it came. */
export async function restore(client: ApiClient, document: unknown) {
  const stored = await upload(client, JSON.stringify(document), { name: 'export.json' });
  if (stored.status !== 201) throw new Error(`Upload answered ${stored.status}`);
  return client.gql(IMPORT_LEDGER, { id: stored.body.id });
}

/**
 * The document without what differs between two users' copies of the same data: ids (accounts
 * by position instead), timestamps and who the user is.
 */
export function normalise(document: Record<string, any>): Record<string, any> {
  const position = new Map<string, number>(
    (document.accounts as { id: string }[]).map((a, i) => [a.id, i]),
  );
  const { exportedAt, user, accounts, transactions, ...rest } = document;
  void exportedAt;
  const place = (id: string | null) => (id === null ? null : (position.get(id) ?? `?${id}`));
  const row = new Map<string, number>((transactions as { id: string }[]).map((t, i) => [t.id, i]));
  const line = (id: string | null) => (id === null ? null : (row.get(id) ?? `?${id}`));
  type Row = Record<string, any>;
  const sections: Record<string, (r: Row) => Row> = {
    categoryRules: (r) => ({ ...r, account: place(r.account) }),
    recurringRules: ({ id, ...r }) => {
      void id;
      return {
        ...r,
        account: place(r.account),
        toAccount: place(r.toAccount),
        handled: r.handled.map((o: Row) => ({
          ...o,
          transaction: o.transaction === null ? null : row.get(o.transaction),
        })),
      };
    },
    dismissedRecurringSuggestions: (r) => ({ ...r, account: place(r.account) }),
    goals: (r) => ({ ...r, accounts: r.accounts.map(place) }),
    debts: (r) => ({ ...r, account: place(r.account) }),
    importAccounts: (r) => ({ ...r, account: place(r.account) }),
    importKeys: (r) => ({ ...r, account: place(r.account), transaction: line(r.transaction) }),
    taxMarks: (r) => ({ ...r, transaction: line(r.transaction) }),
    securities: (r) => ({
      ...r,
      splits: r.splits.map((s: Row) => ({ ...s, account: place(s.account) })),
    }),
    trades: (r) => ({ ...r, account: place(r.account) }),
    dividends: (r) => ({ ...r, account: place(r.account), transaction: line(r.transaction) }),
    savedReports: (r) => ({
      ...r,
      input: { ...r.input, accounts: r.input.accounts?.map(place) ?? null },
    }),
  };
  // Groups and their members by position; the ledger owner's address is who the user is.
  const group = new Map<string, number>(
    (rest.splitGroups ?? []).map((g: Row, i: number) => [g.id, i]),
  );
  const member = new Map<string, string>(
    (rest.splitGroups ?? []).flatMap((g: Row, i: number) =>
      g.members.map((m: Row, j: number) => [m.id, `${i}.${j}`]),
    ),
  );
  const person = (id: string) => member.get(id) ?? `?${id}`;
  Object.assign(sections, {
    splitGroups: ({ id, ...g }: Row) => {
      void id;
      return {
        ...g,
        members: g.members.map(({ id: memberId, ...m }: Row) => {
          void memberId;
          return m.owner ? { ...m, email: 'the user' } : m;
        }),
      };
    },
    groupExpenses: (r: Row) => ({
      ...r,
      group: group.get(r.group),
      paidBy: person(r.paidBy),
      splits: r.splits.map((s: Row) => ({
        ...s,
        member: person(s.member),
        shareTransaction: line(s.shareTransaction),
      })),
    }),
    receipts: ({ id, ...r }: Row) => {
      void id;
      return { ...r, transaction: line(r.transaction) };
    },
    groupSettlements: (r: Row) => ({
      ...r,
      group: group.get(r.group),
      from: person(r.from),
      to: person(r.to),
    }),
  });
  for (const [name, map] of Object.entries(sections)) {
    if (Array.isArray(rest[name])) rest[name] = rest[name].map(map);
  }
  return {
    ...rest,
    user: { currency: user.currency },
    accounts: accounts.map(({ id, ...a }: { id: string }) => {
      void id;
      return a;
    }),
    transactions: transactions.map(
      ({ id, account, toAccount, ...t }: { id: string; account: string; toAccount: string }) => {
        void id;
        return {
          ...t,
          account: position.get(account),
          toAccount: toAccount === null ? null : position.get(toAccount),
        };
      },
    ),
  };
}

/** A small RFC 4180 reader for checking exported files (quotes, doubled quotes, CRLF). */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
