import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AppError } from './errors';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { PasswordResetService } from './modules/auth/password-reset.service';
import { SessionService } from './modules/auth/session.service';
import { BudgetService } from './modules/budgets/budget.service';
import { CategoryMergeService } from './modules/categories/category-merge.service';
import { CategoryService } from './modules/categories/category.service';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { LedgerAccessService } from './modules/ledger-access/ledger-access.service';
import { AccountService } from './modules/ledger/account.service';
import type { CurrencyConverter } from './modules/ledger/conversion';
import { LedgerTotalsService } from './modules/ledger/ledger-totals.service';
import { NetWorthService } from './modules/ledger/net-worth.service';
import { TransactionQueryService } from './modules/ledger/transaction-query.service';
import { TransactionService } from './modules/ledger/transaction.service';
import { IdempotencyService } from './modules/idempotency/idempotency.service';
import { MailService } from './modules/mail/mail.service';
import { RateLimitService } from './modules/rate-limits/rate-limit.service';
import { TokenService } from './modules/tokens/token.service';
import { TwoFactorService } from './modules/two-factor/two-factor.service';
import { UserService } from './modules/users/user.service';

export type ServiceSettings = Pick<
  Config,
  'scryptLogN' | 'appUrl' | 'mail' | 'dataDir' | 'rateLimits'
>;

// Until the rates module lands: a conversion between two currencies is refused as having no rate.
const sameCurrencyOnly: CurrencyConverter = {
  async convert(_ledgerId, amountMinor, from, to, date, field = 'currency') {
    if (from === to) return { amountMinor, rate: '1', rateDate: date, source: 'SAME' };
    throw new AppError(
      'BAD_USER_INPUT',
      `No ${from}->${to} exchange rate on or before ${date}; enter one first`,
      field,
      { from, to, date },
    );
  },
};

/** One instance of each service per server, wired to one database. */
export function createServices(dataSource: DataSource, config: ServiceSettings) {
  const audit = new AuditService(dataSource);
  const rateLimits = new RateLimitService(dataSource, config.rateLimits);
  const ledgers = new LedgerAccessService(dataSource);
  const ledgerTotals = new LedgerTotalsService(dataSource);
  const accounts = new AccountService(dataSource);
  const categories = new CategoryService(dataSource, ledgerTotals);
  const rates = sameCurrencyOnly;
  const budgets = new BudgetService(dataSource, categories, ledgerTotals);
  const transactions = new TransactionService(dataSource, accounts, categories, rates);
  const users = new UserService(
    dataSource,
    categories,
    ledgers,
    accounts,
    budgets,
    ledgerTotals,
    transactions,
    rateLimits,
    config.scryptLogN,
  );
  const sessions = new SessionService(dataSource);
  const twoFactor = new TwoFactorService(dataSource, audit);
  const mail = new MailService({ ...config.mail, outboxDir: path.join(config.dataDir, 'mail') });
  return {
    dataSource,
    audit,
    rateLimits,
    categories,
    ledgers,
    users,
    sessions,
    twoFactor,
    mail,
    auth: new AuthService(users, sessions, rateLimits, twoFactor, audit, config.scryptLogN),
    passwordResets: new PasswordResetService(
      dataSource,
      mail,
      audit,
      rateLimits,
      config.appUrl,
      config.scryptLogN,
    ),
    tokens: new TokenService(dataSource, audit),
    accounts,
    ledgerTotals,
    transactions,
    transactionQueries: new TransactionQueryService(dataSource),
    netWorth: new NetWorthService(accounts, ledgerTotals, rates),
    budgets,
    categoryMerge: new CategoryMergeService(dataSource, transactions, budgets),
    dashboard: new DashboardService(ledgerTotals, budgets),
    idempotency: new IdempotencyService(dataSource),
  };
}

export type Services = ReturnType<typeof createServices>;
