import type { DataSource } from 'typeorm';
import {
  budgetCarryOversSection,
  budgetSettingsSection,
  budgetsSection,
  budgetTargetsSection,
} from '../budgets/budgets.portable';
import { categoriesSection, categoryAliasesSection } from '../categories/categories.portable';
import type { CategoryService } from '../categories/category.service';
import { ledgerSection } from '../ledger-access/ledger-access.portable';
import type { LedgerAccessService } from '../ledger-access/ledger-access.service';
import type { AccountService } from '../ledger/account.service';
import { accountsSection, transactionsSection } from '../ledger/ledger.portable';
import type { TransactionService } from '../ledger/transaction.service';
import { exchangeRatesSection } from '../rates/rates.portable';
import type { UserService } from '../users/user.service';
import type { CategoryRuleService } from '../category-rules/category-rule.service';
import { categoryRulesSection } from '../category-rules/category-rules.portable';
import type { DebtService } from '../debts/debt.service';
import { debtsSection } from '../debts/debts.portable';
import type { GoalService } from '../goals/goal.service';
import { goalsSection } from '../goals/goals.portable';
import { importAccountsSection, importKeysSection } from '../imports/imports.portable';
import type { InvestmentService } from '../investments/investment.service';
import { dividendsSection } from '../investments/dividends.portable';
import { securitiesSection, tradesSection } from '../investments/investments.portable';
import { securityPricesSection } from '../investments/security-prices.portable';
import type { SecurityService } from '../investments/security.service';
import type { RecurringDetectionService } from '../recurring-detection/recurring-detection.service';
import { dismissedSuggestionsSection } from '../recurring-detection/recurring-detection.portable';
import { recurringRulesSection } from '../recurring/recurring.portable';
import type { RecurringService } from '../recurring/recurring.service';
import type { SettingsService } from '../settings/settings.service';
import { settingsSection } from '../settings/settings.portable';
import { savedReportsSection } from '../reports/reports.portable';
import type { ReceiptIntakeService } from '../receipts/receipt-intake.service';
import { receiptMerchantsSection, receiptsSection } from '../receipts/receipts.portable';
import { groupExpensesSection } from '../splitting/group-expenses.portable';
import type { GroupService } from '../splitting/group.service';
import { groupSettlementsSection, splitGroupsSection } from '../splitting/splitting.portable';
import { taxMarksSection } from '../tax/tax.portable';
import { userSection } from '../users/users.portable';
import type { NotificationService } from '../notifications/notification.service';
import type { WebhookService } from '../webhooks/webhook.service';
import { webhooksSection } from '../webhooks/webhooks.portable';
import type { PortableSection } from './portable';

export interface SectionOwners {
  dataSource: DataSource;
  users: UserService;
  ledgers: LedgerAccessService;
  categories: CategoryService;
  accounts: AccountService;
  transactions: TransactionService;
  settings: SettingsService;
  categoryRules: CategoryRuleService;
  recurring: RecurringService;
  recurringDetection: RecurringDetectionService;
  goals: GoalService;
  debts: DebtService;
  groups: GroupService;
  receiptIntake: ReceiptIntakeService;
  securities: SecurityService;
  investments: InvestmentService;
  webhooks: WebhookService;
  notifications: NotificationService;
}

/**
 * Every section of an export, in the order a restore writes them: what a section refers to comes
 * before it (the user's currency before amounts in it, categories and accounts before
 * transactions). A new kind of record is one line here, and its fields in docs/export-format.md.
 */
export function portableSections(o: SectionOwners): PortableSection<unknown>[] {
  const sections = [
    userSection(o.users),
    ledgerSection(o.ledgers),
    categoriesSection(o.dataSource),
    categoryAliasesSection(o.dataSource),
    accountsSection(o.dataSource, o.accounts),
    exchangeRatesSection(o.dataSource),
    transactionsSection(o.dataSource, o.categories, o.transactions),
    budgetsSection(o.dataSource),
    budgetTargetsSection(o.dataSource, o.categories),
    budgetSettingsSection(o.dataSource),
    budgetCarryOversSection(o.dataSource),
    settingsSection(o.dataSource, o.settings),
    // After the transactions: a rule must not categorise the restored history again.
    categoryRulesSection(o.dataSource, o.categories, o.categoryRules),
    recurringRulesSection(o.dataSource, o.recurring),
    dismissedSuggestionsSection(o.dataSource, o.recurringDetection),
    goalsSection(o.dataSource, o.goals),
    debtsSection(o.dataSource, o.debts),
    importAccountsSection(o.dataSource),
    importKeysSection(o.dataSource),
    taxMarksSection(o.dataSource, o.categories),
    savedReportsSection(o.dataSource, o.accounts),
    securitiesSection(o.dataSource, o.securities),
    securityPricesSection(o.dataSource, o.securities),
    tradesSection(o.dataSource, o.accounts, o.securities, o.investments),
    dividendsSection(o.dataSource, o.accounts, o.securities),
    splitGroupsSection(o.dataSource, o.groups, o.ledgers),
    groupExpensesSection(o.dataSource, o.ledgers),
    groupSettlementsSection(o.dataSource),
    receiptMerchantsSection(o.dataSource),
    receiptsSection(o.dataSource, o.receiptIntake),
    // Last: its endpoints are created after the rest is committed (webhooks.portable.ts).
    webhooksSection(o.dataSource, o.webhooks, o.notifications),
  ];
  return sections as PortableSection<unknown>[];
}
