import net from 'node:net';
import { badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { Transaction } from '../ledger/transaction.entity';
import { isPrivateAddress } from './webhook-http';

export const WEBHOOK_EVENTS = [
  'transaction.created',
  'transaction.updated',
  'transaction.deleted',
  'budget.exceeded',
  'import.completed',
  'bill.due',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A written transaction as its transaction.* events carry it. */
export function transactionData(t: Transaction) {
  return {
    id: String(t.id),
    kind: t.kind,
    date: t.date,
    description: t.description,
    payee: t.payee,
    amount: fromMinor(BigInt(t.amountMinor), currencyDigits(t.currency)),
    currency: t.currency,
    accountId: String(t.accountId),
    categoryId: t.categoryId === null ? null : String(t.categoryId),
  };
}

/** Checks what can be checked before any delivery; the connected address is checked on each. */
export function requireUrl(text: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw badInput('url', 'Not a URL');
  }
  if (text.length > 2000) throw badInput('url', 'At most 2000 characters');
  if (url.username || url.password) throw badInput('url', 'No credentials in the URL');
  const https = url.protocol === 'https:';
  if (!https && !(allowPrivate && url.protocol === 'http:')) {
    throw badInput('url', 'The endpoint must be an https:// URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = host === 'localhost' || host.endsWith('.localhost');
  if (!allowPrivate && (local || (net.isIP(host) && isPrivateAddress(host)))) {
    throw badInput('url', 'Private, loopback and link-local addresses are refused');
  }
  return url.toString();
}

export function requireEvents(events: string[]): WebhookEventType[] {
  const unique = [...new Set(events.map((e) => e.trim()))];
  if (unique.length === 0) throw badInput('events', 'Choose at least one event');
  for (const event of unique) {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
      throw badInput('events', `Unknown event "${event}"`);
    }
  }
  return unique as WebhookEventType[];
}
