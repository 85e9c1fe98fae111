import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { BudgetService } from '../budgets/budget.service';
import { TransactionKind } from '../ledger/transaction.entity';
import type { WrittenEvent, WrittenListener } from '../ledger/transaction.service';
import type { BillsService } from '../recurring/bills.service';
import type { WebhookService } from './webhook.service';

/**
 * Where the events other modules do not emit themselves come from: the ledger's writes
 * (transaction.*, and budget.exceeded when a write takes a category over its month's target)
 * and the reminders job (bill.due). Wired in services.ts; each module is asked through its
 * service, none reads another's tables.
 */

/** The ledger's write listener. */
export function announceWrites(deps: {
  dataSource: DataSource;
  webhooks: WebhookService;
  budgets: BudgetService;
}): WrittenListener {
  return async (event, manager) => {
    const subscribed = await deps.webhooks.subscribedTypes(event.ledgerId, manager);
    if (subscribed.size === 0) return;
    await deps.webhooks.onTransactionsWritten(event, subscribed, manager);
    // A delete only lowers spending: it never takes a category over its target.
    if (!subscribed.has('budget.exceeded') || event.type === 'deleted') return;
    const announce = (m: EntityManager) => announceExceeded(deps, event, m);
    // Inside the writer's transaction when it has one (an import), else a transaction of its own.
    if (manager) await announce(manager);
    else await inTransaction(deps.dataSource, announce);
  };
}

/** budget.exceeded once per category and month: the first write that finds it over. */
async function announceExceeded(
  deps: { webhooks: WebhookService; budgets: BudgetService },
  event: WrittenEvent,
  manager: EntityManager,
): Promise<void> {
  const touched = event.transactions
    .filter((t) => t.kind === TransactionKind.EXPENSE && t.categoryId !== null)
    .map((t) => ({ categoryId: t.categoryId as number, month: t.date.slice(0, 7) }));
  const exceeded = await deps.budgets.exceededTargets(event.ledgerId, touched, manager);
  const digits = currencyDigits(event.reportingCurrency);
  for (const { target, spentMinor } of exceeded) {
    await deps.webhooks.emitOnce(
      event.ledgerId,
      'budget.exceeded',
      `${target.categoryId}:${target.targetMonth}`,
      {
        categoryId: String(target.categoryId),
        category: target.category.name,
        month: target.targetMonth,
        target: fromMinor(BigInt(target.targetAmountMinor), digits),
        spent: fromMinor(spentMinor, digits),
        currency: event.reportingCurrency,
      },
      manager,
    );
  }
}

/**
 * The reminders job's part: bill.due once per occurrence of a recurring expense, on its day,
 * for the ledgers that listen. Answers how many were announced.
 */
export function announceBillsDue(deps: {
  dataSource: DataSource;
  webhooks: WebhookService;
  bills: BillsService;
}): (now: Date) => Promise<number> {
  return async (now) => {
    const ledgerIds = await deps.webhooks.ledgersListeningTo('bill.due');
    let announced = 0;
    for (const bill of await deps.bills.dueOccurrences(ledgerIds, now)) {
      const { rule } = bill;
      const id = await inTransaction(deps.dataSource, (manager) =>
        deps.webhooks.emitOnce(
          rule.ledgerId,
          'bill.due',
          `${rule.id}:${bill.date}`,
          {
            recurringId: String(rule.id),
            name: rule.name,
            date: bill.date,
            amount: fromMinor(BigInt(rule.amountMinor), currencyDigits(rule.currency)),
            currency: rule.currency,
            payee: rule.payee,
            accountId: String(rule.accountId),
            mode: rule.mode,
            status: bill.status,
            transactionId: bill.transactionId === null ? null : String(bill.transactionId),
          },
          manager,
        ),
      );
      if (id !== null) announced++;
    }
    return announced;
  };
}
