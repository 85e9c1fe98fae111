import DataLoader from 'dataloader';
import type { TransactionAuthors } from './modules/ledger/transaction-activity.service';
import type { LedgerMember } from './modules/ledger-access/ledger-member.entity';
import type { User } from './modules/users/user.entity';
import type { WebhookDelivery } from './modules/webhooks/webhook.entity';
import type { Services } from './services';

/**
 * Per-request batching for field resolvers that would otherwise query once per row (a page of
 * transactions asking who wrote each one). Made per request, so nothing is cached across callers.
 */
export interface RequestLoaders {
  users: DataLoader<number, User | null>;
  transactionAuthors: DataLoader<number, TransactionAuthors | null>;
  ledgerMembers: DataLoader<number, LedgerMember[]>;
  /** A ledger's reporting currency, for amounts read outside a scope (`reportingAmount`). */
  ledgerCurrencies: DataLoader<number, string>;
  /** A ledger's tax marks, for `Transaction.taxCategory`. */
  taxMarks: DataLoader<
    number,
    { byCategory: Map<number, string>; byTransaction: Map<number, string> }
  >;
  /** Keyed `<endpointId>:<first>`. */
  webhookDeliveries: DataLoader<string, WebhookDelivery[]>;
}

export function createLoaders(services: Services): RequestLoaders {
  return {
    users: new DataLoader(async (ids) => {
      const byId = new Map((await services.users.findByIds(ids)).map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    transactionAuthors: new DataLoader(async (ids) => {
      const byId = await services.transactionActivity.authorsOf(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ledgerMembers: new DataLoader(async (ledgerIds) => {
      const members = await services.ledgers.membersOfMany(ledgerIds);
      return ledgerIds.map((id) => members.filter((m) => m.ledgerId === id));
    }),
    ledgerCurrencies: new DataLoader(async (ledgerIds) => {
      const byId = await services.ledgers.reportingCurrencies(ledgerIds);
      return ledgerIds.map((id) => byId.get(id) ?? new Error(`Ledger ${id} not found`));
    }),
    taxMarks: new DataLoader(async (ledgerIds) =>
      Promise.all(ledgerIds.map((id) => services.tax.marks(id))),
    ),
    webhookDeliveries: new DataLoader(async (keys) => {
      const parsed = keys.map((key) => key.split(':').map(Number) as [number, number]);
      const found = new Map<string, WebhookDelivery[]>();
      for (const first of new Set(parsed.map(([, n]) => n))) {
        const ids = parsed.filter(([, n]) => n === first).map(([id]) => id);
        const rows = await services.webhooks.deliveries(ids, first);
        for (const [id, list] of rows) found.set(`${id}:${first}`, list);
      }
      return keys.map((key) => found.get(key) ?? []);
    }),
  };
}
