import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { PasswordResetService } from './modules/auth/password-reset.service';
import { SessionService } from './modules/auth/session.service';
import { BudgetCarryOverService } from './modules/budgets/budget-carry-over.service';
import { BudgetService } from './modules/budgets/budget.service';
import { CategoryMergeService } from './modules/categories/category-merge.service';
import { CategoryService } from './modules/categories/category.service';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { LedgerAccessService } from './modules/ledger-access/ledger-access.service';
import { AccountService } from './modules/ledger/account.service';
import { LedgerTotalsService } from './modules/ledger/ledger-totals.service';
import { NetWorthService } from './modules/ledger/net-worth.service';
import { TransactionQueryService } from './modules/ledger/transaction-query.service';
import { TransactionService } from './modules/ledger/transaction.service';
import { ImportService, type StatementParser } from './modules/imports/import.service';
import { parseStatement, parseStatementInWorker } from './modules/imports/parse';
import { IdempotencyService } from './modules/idempotency/idempotency.service';
import { MailService } from './modules/mail/mail.service';
import { RateLimitService } from './modules/rate-limits/rate-limit.service';
import { RateService } from './modules/rates/rate.service';
import { TokenService } from './modules/tokens/token.service';
import { TwoFactorService } from './modules/two-factor/two-factor.service';
import { UploadService } from './modules/uploads/upload.service';
import { UserService } from './modules/users/user.service';

export type ServiceSettings = Pick<
  Config,
  'scryptLogN' | 'appUrl' | 'mail' | 'dataDir' | 'rateLimits' | 'ratesUrl'
>;

/**
 * Bank files above this size are parsed in a worker thread, so that a 100,000-row CSV (about
 * a second of parsing) does not stall other requests; a statement of a few hundred rows parses
 * inline in a few milliseconds, less than starting a worker takes.
 */
const INLINE_STATEMENT_BYTES = 64 * 1024;

const statementParser: StatementParser = (data, format, mapping) =>
  data.length <= INLINE_STATEMENT_BYTES
    ? Promise.resolve().then(() => parseStatement(data, format, mapping))
    : parseStatementInWorker(data, format, mapping);

/** One instance of each service per server, wired to one database. */
export function createServices(dataSource: DataSource, config: ServiceSettings) {
  const audit = new AuditService(dataSource);
  const rateLimits = new RateLimitService(dataSource, config.rateLimits);
  const ledgers = new LedgerAccessService(dataSource);
  const ledgerTotals = new LedgerTotalsService(dataSource);
  const accounts = new AccountService(dataSource);
  const categories = new CategoryService(dataSource, ledgerTotals);
  const uploads = new UploadService(dataSource);
  const rates = new RateService(dataSource, uploads, config.ratesUrl);
  const budgets = new BudgetService(dataSource, categories, ledgerTotals);
  const transactions = new TransactionService(dataSource, accounts, categories, rates);
  const transactionQueries = new TransactionQueryService(dataSource);
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
    transactionQueries,
    netWorth: new NetWorthService(accounts, ledgerTotals, rates),
    budgets,
    budgetCarryOver: new BudgetCarryOverService(dataSource),
    categoryMerge: new CategoryMergeService(dataSource, transactions, budgets),
    dashboard: new DashboardService(ledgerTotals, budgets),
    idempotency: new IdempotencyService(dataSource),
    uploads,
    rates,
    imports: new ImportService(dataSource, {
      uploads,
      accounts,
      transactions,
      transactionQueries,
      categories,
      users,
      ledgers,
      parse: statementParser,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
