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
import { CategoryRuleService } from './modules/category-rules/category-rule.service';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { ExportService } from './modules/export/export.service';
import { portableSections } from './modules/export/sections';
import { LedgerAccessService } from './modules/ledger-access/ledger-access.service';
import { AccountService } from './modules/ledger/account.service';
import { LedgerTotalsService } from './modules/ledger/ledger-totals.service';
import { NetWorthService } from './modules/ledger/net-worth.service';
import { TransactionQueryService } from './modules/ledger/transaction-query.service';
import { TransactionService } from './modules/ledger/transaction.service';
import { ImportService } from './modules/imports/import.service';
import { statementParser } from './modules/imports/statement-parser';
import { HouseholdService } from './modules/households/household.service';
import { InvitationService } from './modules/households/invitation.service';
import { LedgerActivityService } from './modules/households/ledger-activity.service';
import { TransactionActivityService } from './modules/ledger/transaction-activity.service';
import { IdempotencyService } from './modules/idempotency/idempotency.service';
import { MailService } from './modules/mail/mail.service';
import { RateLimitService } from './modules/rate-limits/rate-limit.service';
import { RateService } from './modules/rates/rate.service';
import { OcrPool } from './modules/receipts/ocr-pool';
import { ReceiptIntakeService } from './modules/receipts/receipt-intake.service';
import { ReceiptService } from './modules/receipts/receipt.service';
import { RecurringDetectionService } from './modules/recurring-detection/recurring-detection.service';
import { TokenService } from './modules/tokens/token.service';
import { TwoFactorService } from './modules/two-factor/two-factor.service';
import { UploadService } from './modules/uploads/upload.service';
import { UserService } from './modules/users/user.service';
import { JobRunner } from './modules/jobs/job-runner';
import { JobService, systemClock, type Clock } from './modules/jobs/job.service';
import { registerJobs } from './modules/jobs/register-jobs';
import { NotificationService } from './modules/notifications/notification.service';
import { BillsService } from './modules/recurring/bills.service';
import { RecurringPostingService } from './modules/recurring/recurring-posting.service';
import { RecurringService } from './modules/recurring/recurring.service';
import { GroupExpenseService } from './modules/splitting/group-expense.service';
import { GroupService } from './modules/splitting/group.service';
import { SettlementService } from './modules/splitting/settlement.service';
import { SettingsService } from './modules/settings/settings.service';
import { DebtService } from './modules/debts/debt.service';
import { WebhookService } from './modules/webhooks/webhook.service';
import { announceBillsDue, announceWrites } from './modules/webhooks/webhook-sources';
import { secretBoxOf } from './modules/webhooks/secret-box';
import { TaxService } from './modules/tax/tax.service';
import type { ReceiptFiles } from './modules/tax/receipt-files';
import { GoalService } from './modules/goals/goal.service';
import { AssistantService } from './modules/assistant/assistant.service';
import { ModelFallback } from './modules/assistant/model-fallback';

import { InvestmentService } from './modules/investments/investment.service';
import { PortfolioService } from './modules/investments/portfolio.service';
import { PriceService } from './modules/investments/price.service';
import { SecurityService } from './modules/investments/security.service';
import { InsightsService } from './modules/insights/insights.service';
import { ReportMailService } from './modules/reports/report-mail.service';
import { ReportService } from './modules/reports/report.service';

export type ServiceSettings = Pick<
  Config,
  | 'scryptLogN'
  | 'appUrl'
  | 'mail'
  | 'dataDir'
  | 'rateLimits'
  | 'ratesUrl'
  | 'receipts'
  | 'pricesUrl'
  | 'webhooksAllowPrivate'
  | 'assistantModel'
  | 'webhookSecretKey'
  | 'nodeEnv'
>;

/**
 * One instance of each service per server, wired to one database. Tests pass a fake clock: the
 * job runner then runs on simulated time.
 */
export function createServices(
  dataSource: DataSource,
  config: ServiceSettings,
  options: { clock?: Clock; taxReceipts?: ReceiptFiles } = {},
) {
  const clock = options.clock ?? systemClock;
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
  const categoryRules = new CategoryRuleService(
    dataSource,
    categories,
    accounts,
    ledgerTotals,
    transactions,
  );
  // The ledger asks the rules (and the payee history) for writes that name no category.
  transactions.setCategorizer(categoryRules);
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
  const jobs = new JobService(dataSource, clock);
  const jobRunner = new JobRunner(dataSource, jobs, clock);
  const settings = new SettingsService(dataSource);
  const notifications = new NotificationService(dataSource);
  const recurring = new RecurringService(dataSource, accounts, jobs);
  const recurringPosting = new RecurringPostingService(
    dataSource,
    recurring,
    transactions,
    transactionQueries,
    users,
    ledgers,
    settings,
    notifications,
  );
  const recurringDetection = new RecurringDetectionService(dataSource, ledgerTotals);
  recurringDetection.setRuleCreator(recurring);
  const bills = new BillsService(dataSource, recurring, settings, notifications, rates, jobs, mail);
  const imports = new ImportService(dataSource, {
    uploads,
    accounts,
    transactions,
    transactionQueries,
    categories,
    users,
    ledgers,
    parse: statementParser,
  });
  const receipts = new ReceiptService(dataSource, transactions, transactionQueries, ledgers);
  const receiptIntake = new ReceiptIntakeService(
    dataSource,
    uploads,
    transactionQueries,
    jobs,
    new OcrPool(config.receipts.ocrWorkers),
    config.receipts.storageBytesPerUser,
  );
  const securities = new SecurityService(dataSource, accounts);
  const investments = new InvestmentService(
    dataSource,
    accounts,
    securities,
    transactions,
    transactionQueries,
  );
  const prices = new PriceService(dataSource, securities, uploads, config.pricesUrl);
  const portfolio = new PortfolioService(accounts, investments, securities, prices, rates);
  const netWorth = new NetWorthService(accounts, ledgerTotals, rates);
  // Net worth counts what investment accounts hold beyond their ledger balance.
  netWorth.setMarketValues(portfolio);
  const tax = new TaxService(dataSource, transactionQueries, categories, settings);
  const reports = new ReportService(dataSource, ledgerTotals, tax);
  const reportMail = new ReportMailService(
    dataSource,
    reports,
    ledgers,
    users,
    jobs,
    mail,
    config.appUrl,
  );
  const webhooks = new WebhookService(
    dataSource,
    jobs,
    notifications,
    config.webhooksAllowPrivate,
    () => secretBoxOf(config),
  );
  // Every committed write of the ledger becomes webhook events (queued, not delivered), and a
  // write that takes a category over its target budget.exceeded.
  transactions.onWritten(announceWrites({ dataSource, webhooks, budgets }));
  imports.onCompleted(async (ledgerId, completed, manager) => {
    await webhooks.emit(ledgerId, 'import.completed', completed, manager);
  });
  registerJobs(jobRunner, {
    reportMail,
    recurringPosting,
    bills,
    users,
    rates,
    imports,
    receiptIntake,
    prices,
    webhooks,
    announceBillsDue: announceBillsDue({ dataSource, webhooks, bills }),
    ratesUrl: config.ratesUrl,
    pricesUrl: config.pricesUrl,
  });
  const groups = new GroupService(dataSource, ledgers, users);
  const transactionActivity = new TransactionActivityService(dataSource);
  // A shared ledger's members see who deleted what (households/ledger-activity.service.ts).
  const ledgerActivity = new LedgerActivityService(dataSource, transactionActivity, ledgers);
  transactions.onWritten((event, manager) => ledgerActivity.recordDeletions(event, manager));
  const households = new HouseholdService(
    dataSource,
    ledgers,
    categories,
    accounts,
    transactionActivity,
  );
  const invitations = new InvitationService(
    dataSource,
    ledgers,
    households,
    users,
    mail,
    config.appUrl,
  );
  const goals = new GoalService(dataSource, accounts, ledgerTotals, rates, notifications);
  // Goals linked to investment accounts count their holdings at market too.
  goals.setMarketValueSource(portfolio);
  const debts = new DebtService(dataSource, accounts, rates);
  const exports = new ExportService(
    dataSource,
    uploads,
    portableSections({
      dataSource,
      users,
      ledgers,
      categories,
      accounts,
      transactions,
      settings,
      categoryRules,
      recurring,
      recurringDetection,
      goals,
      debts,
      groups,
      receiptIntake,
      securities,
      investments,
      webhooks,
      notifications,
    }),
  );
  const insights = new InsightsService(
    ledgerTotals,
    transactionQueries,
    accounts,
    budgets,
    debts,
    bills,
  );
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
    categoryRules,
    recurringDetection,
    netWorth,
    securities,
    investments,
    prices,
    portfolio,
    budgets,
    budgetCarryOver: new BudgetCarryOverService(dataSource),
    categoryMerge: new CategoryMergeService(dataSource, transactions, budgets),
    dashboard: new DashboardService(ledgerTotals, budgets),
    idempotency: new IdempotencyService(dataSource),
    uploads,
    rates,
    jobs,
    jobRunner,
    settings,
    notifications,
    recurring,
    recurringPosting,
    bills,
    exports,
    imports,
    groups,
    groupExpenses: new GroupExpenseService(dataSource, groups, rates, transactions, users, ledgers),
    settlements: new SettlementService(dataSource, groups),
    transactionActivity,
    households,
    invitations,
    ledgerActivity,
    goals,
    debts,
    receipts,
    receiptIntake,
    assistant: new AssistantService(
      dataSource,
      { accounts, categories, ledgerTotals, budgets, bills, transactions, transactionQueries },
      () => clock.now(),
      config.assistantModel ? new ModelFallback(config.assistantModel) : null,
    ),
    insights,
    reports,
    reportMail,
    webhooks,
    tax,
    // The receipts module's files, once wired here; until then the tax archive has none.
    // The tax archive holds the receipts attached to the year's deductible transactions.
    taxReceipts: options.taxReceipts ?? receipts,
  };
}

export type Services = ReturnType<typeof createServices>;
