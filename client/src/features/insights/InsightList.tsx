import { Link } from 'react-router';
import { Money } from '../../components/Money';
import type { InsightsQuery } from '../../graphql/graphql';

type Insight = InsightsQuery['insights'][number];

const KIND_LABELS: Record<string, string> = {
  CATEGORY_ROSE: 'Spending rose',
  CATEGORY_FELL: 'Spending fell',
  UNUSUAL_EXPENSE: 'Unusual expense',
  PRICE_RISE: 'Price went up',
  MISSED_BILL: 'Missed bill',
};

/** Each insight with what it is based on and the transactions behind it. */
export function InsightList({ insights }: { insights: Insight[] }) {
  return (
    <ul className="insight-list">
      {insights.map((insight) => (
        <li key={insight.id} className={`card insight insight-${insight.kind.toLowerCase()}`}>
          <p className="insight-kind">{KIND_LABELS[insight.kind] ?? insight.kind}</p>
          <h3>{insight.title}</h3>
          <p className="muted">{insight.explanation}</p>
          {insight.transactions.length > 0 && (
            <ul
              className="insight-transactions"
              aria-label={`Transactions behind “${insight.title}”`}
            >
              {insight.transactions.map((t) => (
                <li key={t.id}>
                  <Link to={`/transactions/${t.id}/edit`}>
                    {t.date} · {t.description}
                  </Link>{' '}
                  <Money amount={t.amount} currency={t.currency} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
