import { Dividend } from '../modules/investments/dividend.entity';
import { SecurityPrice } from '../modules/investments/security-price.entity';
import { Security } from '../modules/investments/security.entity';
import { SecuritySplit } from '../modules/investments/split.entity';
import { Trade } from '../modules/investments/trade.entity';
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
import { Account } from '../modules/ledger/account.entity';
import { Transaction } from '../modules/ledger/transaction.entity';
import { LedgerMember } from '../modules/ledger-access/ledger-member.entity';
import { Ledger } from '../modules/ledger-access/ledger.entity';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity';
import { RateLimit } from '../modules/rate-limits/rate-limit.entity';
import { ExchangeRate } from '../modules/rates/exchange-rate.entity';
import { RecurringSuggestion } from '../modules/recurring-detection/recurring-suggestion.entity';
import { ApiToken } from '../modules/tokens/api-token.entity';
import { RecoveryCode } from '../modules/two-factor/recovery-code.entity';
import { Upload } from '../modules/uploads/upload.entity';
import { User } from '../modules/users/user.entity';
import { Job } from '../modules/jobs/job.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { RecurringOccurrence } from '../modules/recurring/recurring-occurrence.entity';
import { RecurringRule } from '../modules/recurring/recurring-rule.entity';
import { UserSettings } from '../modules/settings/user-settings.entity';

/** Every TypeORM entity; a feature's new entity is added here. */
export const entities = [
  User,
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
  Security,
  Trade,
  SecurityPrice,
  SecuritySplit,
  Dividend,
];
