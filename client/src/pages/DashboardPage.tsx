import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { useCurrency } from '../app/session';
import { Money } from '../components/Money';
import { MonthPicker } from '../components/MonthPicker';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { AccountBalances } from '../features/dashboard/AccountBalances';
import { useDashboard } from '../features/dashboard/useDashboard';
import { ExpenseTable } from '../features/expenses/ExpenseTable';
import { HealthScoreCard } from '../features/insights/HealthScoreCard';
import type { DashboardQuery } from '../graphql/graphql';
import { currentMonth, daysLeft, formatMonth, isMonth } from '../lib/dates';
import { perDay } from '../lib/money';

// ApexCharts is the largest part of the dashboard: it arrives after the figures.
const DashboardCharts = lazy(() => import('../features/dashboard/DashboardCharts'));

type Dashboard = DashboardQuery['dashboard'];

function Card({ label, children, note }: { label: string; children: ReactNode; note?: string }) {
  return (
    <div className="card stat">
      <h2 className="stat-label">{label}</h2>
      <p className="stat-value">{children}</p>
      {note && <p className="stat-note muted">{note}</p>}
    </div>
  );
}

export function SummaryCards({ dashboard }: { dashboard: Dashboard }) {
  const currency = useCurrency();
  const days = daysLeft(dashboard.month);
  const left = dashboard.savings == null ? null : perDay(dashboard.savings, days, currency);
  const over = dashboard.savings?.startsWith('-');
  return (
    <div className="stat-grid">
      <Card label="Income">
        <Money amount={dashboard.income} />
      </Card>
      <Card label="Spent">
        <Money amount={dashboard.spent} />
      </Card>
      <Card
        label="Net"
        note={dashboard.net.startsWith('-') ? 'Spent more than came in' : undefined}
      >
        <Money amount={dashboard.net} />
      </Card>
      <Card label="Budget" note={dashboard.budget == null ? 'No budget set' : undefined}>
        {dashboard.budget == null ? (
          <Link to={`/budgets?month=${dashboard.month}`}>Set a budget</Link>
        ) : (
          <Money amount={dashboard.budget} />
        )}
      </Card>
      <Card label="Savings" note={over ? 'Over budget' : undefined}>
        {dashboard.savings == null ? (
          <span className="muted">—</span>
        ) : (
          <Money amount={dashboard.savings} />
        )}
      </Card>
      <Card
        label="Left per day"
        note={days === 0 ? 'This month is over' : `${days} ${days === 1 ? 'day' : 'days'} left`}
      >
        {left == null ? <span className="muted">—</span> : <Money amount={over ? '0' : left} />}
      </Card>
    </div>
  );
}

const ZERO = /^-?0(\.0+)?$/;

/** Nothing set up yet: no budget, no spending or income, nothing owned or owed (holdings too). */
function isBrandNew(dashboard: Dashboard, netWorth: DashboardQuery['netWorth']): boolean {
  return (
    netWorth.every((p) => ZERO.test(p.assets) && ZERO.test(p.liabilities)) &&
    dashboard.budget == null &&
    dashboard.recentExpenses.length === 0 &&
    /^0(\.0+)?$/.test(dashboard.income) &&
    dashboard.months.every((m) => m.budget == null && /^0(\.0+)?$/.test(m.spent))
  );
}

export function DashboardPage() {
  usePageTitle('Dashboard');
  const [params, setParams] = useSearchParams();
  const month = isMonth(params.get('month')) ? (params.get('month') as string) : currentMonth();
  const { data, loading, error, refetch } = useDashboard(month);

  let body;
  if (!data && loading) body = <Loading label="Loading your dashboard…" />;
  else if (!data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (isBrandNew(data.dashboard, data.netWorth) && month === currentMonth()) {
    body = (
      <EmptyState title="Welcome! Let’s get your month started">
        <ol className="steps">
          <li>
            <Link to={`/budgets?month=${month}`}>Set a budget</Link> for {formatMonth(month)}.
          </li>
          <li>
            <Link to="/add_expense">Add your first expense</Link> — a coffee counts.
          </li>
          <li>Come back here to see where your money goes.</li>
        </ol>
      </EmptyState>
    );
  } else {
    const dashboard = data.dashboard;
    body = (
      <>
        <SummaryCards dashboard={dashboard} />
        <AccountBalances accounts={dashboard.accounts} />
        <div className="dashboard-health">
          <HealthScoreCard health={data.healthScore} compact />
          <p className="muted">
            <Link to={`/insights?month=${month}`}>See insights and recommended targets</Link>
          </p>
        </div>
        <Suspense fallback={<Loading label="Loading charts…" />}>
          <DashboardCharts dashboard={dashboard} netWorth={data.netWorth} />
        </Suspense>
        <section className="card card-flush" aria-labelledby="recent-heading">
          <div className="card-heading">
            <h2 id="recent-heading">Recent expenses</h2>
            <Link to={`/expenses?month=${month}`}>See all</Link>
          </div>
          {dashboard.recentExpenses.length === 0 ? (
            <p className="muted card-pad">No expenses in {formatMonth(month)}.</p>
          ) : (
            <ExpenseTable caption="Most recent expenses" expenses={dashboard.recentExpenses} />
          )}
        </section>
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Dashboard</h1>
        <MonthPicker month={month} onChange={(next) => setParams({ month: next })} />
      </div>
      {error && data && <ErrorState error={error} onRetry={() => void refetch()} />}
      {body}
    </section>
  );
}
