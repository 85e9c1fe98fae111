import { useMutation } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import { useCanWrite } from '../households/LedgerProvider';
import { Money } from '../../components/Money';
import { ApplyBudgetRecommendationsDocument, type InsightsQuery } from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';

type Recommendation = InsightsQuery['budgetRecommendations'][number];

/** Targets from the last six months' medians, accepted into the month in one step. */
export function Recommendations({
  month,
  recommendations,
}: {
  month: string;
  recommendations: Recommendation[];
}) {
  const canWrite = useCanWrite();
  const { show } = useFlash();
  const [apply, { loading }] = useMutation(ApplyBudgetRecommendationsDocument, {
    refetchQueries: ['Insights', 'Budgets'],
  });
  return (
    <section className="card card-flush" aria-labelledby="recommendations-heading">
      <div className="card-heading">
        <h2 id="recommendations-heading">Recommended targets</h2>
        {canWrite && recommendations.length > 0 && (
          <button
            type="button"
            className="no-wrap"
            disabled={loading}
            onClick={async () => {
              try {
                await apply({ variables: { month } });
                show({
                  kind: 'success',
                  message: `Applied ${recommendations.length} targets to ${formatMonth(month)}.`,
                });
              } catch (failure) {
                show({ kind: 'error', message: errorMessage(failure) });
              }
            }}
          >
            {loading ? 'Applying…' : 'Apply'}
          </button>
        )}
      </div>
      <p className="muted card-pad">
        The median of each category’s spending over the six months before {formatMonth(month)},
        rounded up, and scaled to fit your income.
      </p>
      {recommendations.length === 0 ? (
        <p className="muted card-pad">
          Not enough history yet: a category needs spending in three of the last six months.
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Recommended targets</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="numeric">
                Target
              </th>
              <th scope="col" className="numeric">
                Spent so far
              </th>
            </tr>
          </thead>
          <tbody>
            {recommendations.map((r) => (
              <tr key={r.id}>
                <td data-label="Category" className="description">
                  <strong>{r.category.name}</strong>
                </td>
                <td data-label="Target" className="numeric">
                  <Money amount={r.targetAmount} />
                </td>
                <td data-label="Spent so far" className="numeric">
                  <Money amount={r.spent} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
