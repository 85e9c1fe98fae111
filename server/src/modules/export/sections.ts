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
import { userSection } from '../users/users.portable';
import type { PortableSection } from './portable';

export interface SectionOwners {
  dataSource: DataSource;
  users: UserService;
  ledgers: LedgerAccessService;
  categories: CategoryService;
  accounts: AccountService;
  transactions: TransactionService;
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
  ];
  return sections as PortableSection<unknown>[];
}
