import { Dividend } from '../modules/investments/dividend.entity';
import { SecurityPrice } from '../modules/investments/security-price.entity';
import { Security } from '../modules/investments/security.entity';
import { SecuritySplit } from '../modules/investments/split.entity';
import { Trade } from '../modules/investments/trade.entity';
import { TaxMark } from '../modules/tax/tax-mark.entity';
import {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventRecord,
  WebhookOnce,
} from '../modules/webhooks/webhook.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { PasswordReset } from '../modules/auth/password-reset.entity';
import { Session } from '../modules/auth/session.entity';
import { BudgetCarryOver } from '../modules/budgets/budget-carry-over.entity';
import { BudgetCategory } from '../modules/budgets/budget-category.entity';
import { BudgetSettings } from '../modules/budgets/budget-settings.entity';
import { Budget } from '../modules/budgets/budget.entity';
import { CategoryAlias } from '../modules/categories/category-alias.entity';
import { Category } from '../modules/categories/category.entity';
import { CategoryRule } from '../modules/category-rules/category-rule.entity';
import { ImportAccount } from '../modules/imports/import-account.entity';
import { ImportKey } from '../modules/imports/import-key.entity';
import { ImportRecord } from '../modules/imports/import.entity';
import { Account } from '../modules/ledger/account.entity';
import { Transaction } from '../modules/ledger/transaction.entity';
import { LedgerMember } from '../modules/ledger-access/ledger-member.entity';
import { Ledger } from '../modules/ledger-access/ledger.entity';
import { LedgerEvent } from '../modules/households/ledger-event.entity';
import { LedgerInvitation } from '../modules/households/ledger-invitation.entity';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity';
import { RateLimit } from '../modules/rate-limits/rate-limit.entity';
import { ExchangeRate } from '../modules/rates/exchange-rate.entity';
import { RecurringSuggestion } from '../modules/recurring-detection/recurring-suggestion.entity';
import { ApiToken } from '../modules/tokens/api-token.entity';
import { RecoveryCode } from '../modules/two-factor/recovery-code.entity';
import { Upload } from '../modules/uploads/upload.entity';
import { Receipt } from '../modules/receipts/receipt.entity';
import { ReceiptMerchant } from '../modules/receipts/receipt-merchant.entity';
import { User } from '../modules/users/user.entity';
import { SavedReportRecord } from '../modules/reports/saved-report.entity';
import { Job } from '../modules/jobs/job.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { RecurringOccurrence } from '../modules/recurring/recurring-occurrence.entity';
import { RecurringRule } from '../modules/recurring/recurring-rule.entity';
import {
  GroupExpense,
  GroupExpenseSplit,
  GroupSettlement,
} from '../modules/splitting/group-expense.entity';
import { GroupMember, SplitGroup } from '../modules/splitting/group.entity';
import { UserSettings } from '../modules/settings/user-settings.entity';
import { Debt } from '../modules/debts/debt.entity';
import { Goal, GoalAccount, GoalContribution } from '../modules/goals/goal.entity';
import { AssistantActionRecord } from '../modules/assistant/assistant-action.entity';

/** Every TypeORM entity; a feature's new entity is added here. */
export const entities = [
  User,
  SavedReportRecord,
  Session,
  Category,
  Account,
  Transaction,
  Budget,
  BudgetCategory,
  ApiToken,
  PasswordReset,
  RateLimit,
  AuditEvent,
  RecoveryCode,
  Ledger,
  LedgerMember,
  IdempotencyKey,
  Upload,
  ExchangeRate,
  BudgetSettings,
  BudgetCarryOver,
  CategoryAlias,
  Job,
  RecurringRule,
  RecurringOccurrence,
  UserSettings,
  Notification,
  CategoryRule,
  RecurringSuggestion,
  ImportRecord,
  ImportKey,
  ImportAccount,
  SplitGroup,
  GroupMember,
  GroupExpense,
  GroupExpenseSplit,
  GroupSettlement,
  LedgerInvitation,
  LedgerEvent,
  Goal,
  GoalContribution,
  GoalAccount,
  Debt,
  Receipt,
  ReceiptMerchant,
  Security,
  Trade,
  SecurityPrice,
  SecuritySplit,
  Dividend,
  AssistantActionRecord,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookOnce,
  WebhookEventRecord,
  TaxMark,
];
