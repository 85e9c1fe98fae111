import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Loading } from '../components/States';
import { LedgersDocument, MeDocument } from '../graphql/graphql';
import { AccountsPage } from '../pages/AccountsPage';
import { ApiTokensPage } from '../pages/ApiTokensPage';
import { AddExpensePage, EditExpensePage } from '../pages/ExpenseFormPage';
import { BudgetsPage } from '../pages/BudgetsPage';
import { CategoriesPage } from '../pages/CategoriesPage';
import { CategoryRulesPage } from '../pages/CategoryRulesPage';
import { DashboardPage } from '../pages/DashboardPage';
import { DebtsPage } from '../pages/DebtsPage';
import { InsightsPage } from '../pages/InsightsPage';
import { TaxPage } from '../pages/TaxPage';
import { ExpensesPage } from '../pages/ExpensesPage';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage';
import { HouseholdPage } from '../pages/HouseholdPage';
import { InvitationPage } from '../pages/InvitationPage';
import { ImportPage } from '../pages/ImportPage';
import { GoalsPage } from '../pages/GoalsPage';
import { ReportsPage } from '../pages/ReportsPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PortfolioPage } from '../pages/PortfolioPage';
import { RatesPage } from '../pages/RatesPage';
import { ReceiptsPage } from '../pages/ReceiptsPage';
import { RecurringPage } from '../pages/RecurringPage';
import { GroupPage } from '../pages/GroupPage';
import { GroupsPage } from '../pages/GroupsPage';
import { RegisterPage } from '../pages/RegisterPage';
import { ResetPasswordPage } from '../pages/ResetPasswordPage';
import { SettingsPage } from '../pages/SettingsPage';
import { AddIncomePage, AddTransferPage, EditTransactionPage } from '../pages/TransactionFormPage';
import { TransactionsPage } from '../pages/TransactionsPage';
import { ConnectionProvider, useConnectionState } from './connection';
import { FlashProvider, FlashRouteWatcher, useFlash, type Flash } from './flash';
import { GuestLayout, SignedInLayout } from './Layout';
import { GuestOnly, RequireAuth } from './session';

// GraphiQL and its editor are large: they load only when the playground is opened.
const PlaygroundPage = lazy(() => import('../pages/PlaygroundPage'));

/** Where the Apollo client's events go; App points them at React state once it has mounted. */
export interface AppEvents {
  unauthenticated(): void;
  connectionLost(): void;
  connectionOk(): void;
  /** The chosen ledger is gone: the switcher falls back to the personal one. */
  ledgerLost(): void;
}

export function App({
  client,
  events,
  initialFlash,
}: {
  client: ApolloClient;
  events: AppEvents;
  initialFlash?: Flash | null;
}) {
  return (
    <ApolloProvider client={client}>
      <FlashProvider initial={initialFlash}>
        <BrowserRouter>
          <AppRoutes client={client} events={events} />
        </BrowserRouter>
      </FlashProvider>
    </ApolloProvider>
  );
}

function AppRoutes({ client, events }: { client: ApolloClient; events: AppEvents }) {
  const connection = useConnectionState();
  const { show } = useFlash();
  const { setLost } = connection;

  useEffect(() => {
    events.connectionLost = () => setLost(true);
    events.connectionOk = () => setLost(false);
    events.ledgerLost = () =>
      void client.refetchQueries({ include: [LedgersDocument] }).catch(() => {});
    events.unauthenticated = () => {
      // RequireAuth sees no user and sends the visitor to /login?next=<this page>.
      show({ kind: 'error', message: 'Your session has ended. Please log in again.', carry: true });
      client.writeQuery({ query: MeDocument, data: { me: null } });
    };
  }, [client, events, setLost, show]);

  const retry = useMemo(
    () => () => void client.refetchQueries({ include: 'active' }).catch(() => {}),
    [client],
  );

  return (
    <ConnectionProvider state={connection}>
      <FlashRouteWatcher />
      <Routes>
        <Route
          element={
            <GuestOnly>
              <GuestLayout onRetry={retry} />
            </GuestOnly>
          }
        >
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
        </Route>
        <Route element={<GuestLayout onRetry={retry} />}>
          <Route path="/forgot_password" element={<ForgotPasswordPage />} />
          <Route path="/reset_password/:token" element={<ResetPasswordPage />} />
        </Route>
        <Route
          element={
            <RequireAuth>
              <SignedInLayout onRetry={retry} />
            </RequireAuth>
          }
        >
          <Route path="/" element={<Navigate to="/dashboard" replace />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/expenses" element={<ExpensesPage />} />
          <Route path="/add_expense" element={<AddExpensePage />} />
          <Route path="/expenses/:id/edit" element={<EditExpensePage />} />
          <Route path="/accounts" element={<AccountsPage />} />
          <Route path="/transactions" element={<TransactionsPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/receipts" element={<ReceiptsPage />} />
          <Route path="/transactions/income" element={<AddIncomePage />} />
          <Route path="/transactions/transfer" element={<AddTransferPage />} />
          <Route path="/transactions/:id/edit" element={<EditTransactionPage />} />
          <Route path="/budgets" element={<BudgetsPage />} />
          <Route path="/Setbudget" element={<BudgetsPage focus="budget" />} />
          <Route path="/budget_categories" element={<BudgetsPage focus="targets" />} />
          <Route path="/goals" element={<GoalsPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/debts" element={<DebtsPage />} />
          <Route path="/insights" element={<InsightsPage />} />
          <Route path="/tax" element={<TaxPage />} />
          <Route path="/recurring" element={<RecurringPage />} />
          <Route path="/groups" element={<GroupsPage />} />
          <Route path="/groups/:id" element={<GroupPage />} />
          <Route path="/portfolio" element={<PortfolioPage />} />
          <Route path="/rates" element={<RatesPage />} />
          <Route path="/categories" element={<CategoriesPage />} />
          <Route path="/rules" element={<CategoryRulesPage />} />
          <Route path="/household" element={<HouseholdPage />} />
          <Route path="/invitations/:token" element={<InvitationPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/tokens" element={<ApiTokensPage />} />
          <Route
            path="/playground"
            element={
              <Suspense fallback={<Loading label="Loading the playground…" />}>
                <PlaygroundPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </ConnectionProvider>
  );
}
