import { useQuery } from '@apollo/client/react';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { MonthPicker } from '../components/MonthPicker';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { HealthScoreCard } from '../features/insights/HealthScoreCard';
import { InsightList } from '../features/insights/InsightList';
import { Recommendations } from '../features/insights/Recommendations';
import { InsightsDocument } from '../graphql/graphql';
import { currentMonth, formatMonth, isMonth } from '../lib/dates';

// ApexCharts arrives after the score and the insights.
const HealthHistoryChart = lazy(() => import('../features/insights/HealthHistoryChart'));

export function InsightsPage() {
  usePageTitle('Insights');
  const [params, setParams] = useSearchParams();
  const month = isMonth(params.get('month')) ? (params.get('month') as string) : currentMonth();
  const { data, loading, error, refetch } = useQuery(InsightsDocument, { variables: { month } });

  let body;
  if (!data && loading) body = <Loading label="Loading insights…" />;
  else if (!data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else {
    body = (
      <div className="insights-grid">
        <div className="insights-main">
          <section aria-labelledby="insights-heading">
            <h2 id="insights-heading">What stood out in {formatMonth(month)}</h2>
            {data.insights.length === 0 ? (
              <EmptyState title="Nothing unusual this month">
                <p>
                  Spending per category stayed near its 3, 6 and 12-month averages, no expense stood
                  out for its category or payee, no price went up and no bill was missed.
                </p>
              </EmptyState>
            ) : (
              <InsightList insights={data.insights} />
            )}
          </section>
          <Recommendations month={month} recommendations={data.budgetRecommendations} />
        </div>
        <div className="insights-side">
          <HealthScoreCard health={data.healthScore} />
          <Suspense fallback={<Loading label="Loading chart…" />}>
            <HealthHistoryChart points={data.healthScoreHistory} />
          </Suspense>
        </div>
      </div>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Insights</h1>
        <MonthPicker month={month} onChange={(next) => setParams({ month: next })} />
      </div>
      {error && data && <ErrorState error={error} onRetry={() => void refetch()} />}
      {body}
    </section>
  );
}
