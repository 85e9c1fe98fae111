import 'reflect-metadata';
import { TaxResolver, TransactionTaxResolver } from '../modules/tax/tax.resolver';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ImportResolver } from '../modules/imports/import.resolver';
import { ReportResolver } from '../modules/reports/report.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { BudgetPlanningResolver } from '../modules/budgets/budget-planning.resolver';
import { BudgetResolver } from '../modules/budgets/budget.resolver';
import { CategoryResolver } from '../modules/categories/category.resolver';
import { CategoryRuleResolver } from '../modules/category-rules/category-rule.resolver';
import { DashboardResolver } from '../modules/dashboard/dashboard.resolver';
import { RateResolver } from '../modules/rates/rate.resolver';
import { ReceiptResolver } from '../modules/receipts/receipt.resolver';
import { InvestmentResolver } from '../modules/investments/investment.resolver';
import { ExportResolver } from '../modules/export/export.resolver';
import { RecurringSuggestionResolver } from '../modules/recurring-detection/recurring-suggestion.resolver';
import { ExpenseResolver } from '../modules/expenses/expense.resolver';
import { AccountResolver } from '../modules/ledger/account.resolver';
import { TransactionResolver } from '../modules/ledger/transaction.resolver';
import { TokenResolver } from '../modules/tokens/token.resolver';
import { TwoFactorResolver } from '../modules/two-factor/two-factor.resolver';
import { UserResolver } from '../modules/users/user.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { RecurringResolver } from '../modules/recurring/recurring.resolver';
import { SplittingResolver } from '../modules/splitting/splitting.resolver';
import { SettingsResolver } from '../modules/settings/settings.resolver';
import { HouseholdResolver } from '../modules/households/household.resolver';
import { TransactionAuthorsResolver } from '../modules/households/transaction-authors.resolver';
import { DebtResolver } from '../modules/debts/debt.resolver';
import { GoalResolver } from '../modules/goals/goal.resolver';
import { AssistantResolver } from '../modules/assistant/assistant.resolver';
import { InsightsResolver } from '../modules/insights/insights.resolver';

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      InvestmentResolver,
      UserResolver,
      AuthResolver,
      CategoryResolver,
      CategoryRuleResolver,
      ExpenseResolver,
      AccountResolver,
      TransactionResolver,
      BudgetResolver,
      BudgetPlanningResolver,
      DashboardResolver,
      TokenResolver,
      TwoFactorResolver,
      AuditResolver,
      RateResolver,
      RecurringResolver,
      SettingsResolver,
      NotificationResolver,
      ExportResolver,
      RecurringSuggestionResolver,
      ImportResolver,
      SplittingResolver,
      HouseholdResolver,
      TransactionAuthorsResolver,
      GoalResolver,
      ReportResolver,
      DebtResolver,
      ReceiptResolver,
      AssistantResolver,
      InsightsResolver,
      WebhookResolver,
      TaxResolver,
      TransactionTaxResolver,
    ],
    // Input rules live in the services, shared with the form routes (see lib/validate.ts).
    validate: false,
  });
}

/** The committed schema.graphql: sorted, so that it changes only when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
