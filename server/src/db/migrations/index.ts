import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { Security1764500000000 } from './1764500000000-security';
import { ExpenseMonthTotals1764600000000 } from './1764600000000-expense-month-totals';
import { Ledgers1764700000000 } from './1764700000000-ledgers';
import { LedgerMoney1764710000000 } from './1764710000000-ledger-money';
import { UploadsAndRates1764800000000 } from './1764800000000-uploads-and-rates';
import { IdempotencyKeys1764900000000 } from './1764900000000-idempotency-keys';
import { BudgetSettings1764950000000 } from './1764950000000-budget-settings';
import { CategoryAliases1764960000000 } from './1764960000000-category-aliases';
import { Imports1765000000000 } from './1765000000000-imports';
import { JobsAndRecurring1765020000000 } from './1765020000000-jobs-and-recurring';
import { CategoryRules1765030000000 } from './1765030000000-category-rules';
import { Receipts1765040000000 } from './1765040000000-receipts';
import { GoalsAndDebts1765050000000 } from './1765050000000-goals-and-debts';
import { Investments1765060000000 } from './1765060000000-investments';
import { Households1765070000000 } from './1765070000000-households';
import { Splitting1765080000000 } from './1765080000000-splitting';
import { AssistantActions1765100000000 } from './1765100000000-assistant-actions';
import { SavedReports1765110000000 } from './1765110000000-saved-reports';
import { TaxAndWebhooks1765120000000 } from './1765120000000-tax-and-webhooks';
import { InsightsIndexes1765220000000 } from './1765220000000-insights-indexes';
import { AssistantActionTransaction1765221000000 } from './1765221000000-assistant-action-transaction';
import { RestoredImportKeys1765210000000 } from './1765210000000-restored-import-keys';
import { WebhookOnce1765200000000 } from './1765200000000-webhook-once';
import { WebhookEvents1765200100000 } from './1765200100000-webhook-events';
import { LedgerCurrency1765260000000 } from './1765260000000-ledger-currency';
import { LedgerEventAmounts1765261000000 } from './1765261000000-ledger-event-amounts';

/** The timestamp in a migration's class name: what orders it among the others. */
const timestampOf = (migration: { name: string }) => Number(/(\d{13})$/.exec(migration.name)?.[1]);

/**
 * Every migration, oldest first (sorted by timestamp, so a merge that lists one out of place
 * cannot run it out of order); each runs on SQLite and on MySQL alike.
 */
export const migrations = [
  InitialSchema1764400000000,
  Security1764500000000,
  ExpenseMonthTotals1764600000000,
  Ledgers1764700000000,
  LedgerMoney1764710000000,
  UploadsAndRates1764800000000,
  IdempotencyKeys1764900000000,
  BudgetSettings1764950000000,
  CategoryAliases1764960000000,
  Imports1765000000000,
  JobsAndRecurring1765020000000,
  CategoryRules1765030000000,
  Receipts1765040000000,
  GoalsAndDebts1765050000000,
  Investments1765060000000,
  Households1765070000000,
  Splitting1765080000000,
  AssistantActions1765100000000,
  SavedReports1765110000000,
  TaxAndWebhooks1765120000000,
  InsightsIndexes1765220000000,
  AssistantActionTransaction1765221000000,
  RestoredImportKeys1765210000000,
  WebhookOnce1765200000000,
  WebhookEvents1765200100000,
  LedgerCurrency1765260000000,
  LedgerEventAmounts1765261000000,
].sort((a, b) => timestampOf(a) - timestampOf(b));
