import { lazy, Suspense, useState } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import { ErrorState, Loading } from '../../components/States';
import { formatDate } from '../../lib/dates';
import { amountProblem, currencyDigits, fromMinor, toMinor } from '../../lib/money';
import { formValues } from '../../lib/forms';
import { fieldErrors } from '../../lib/errors';
import { usePayoffPlans, type Plan } from './useDebts';
import './debts.css';

// ApexCharts is large: it loads with the first plan, not with the app.
const PayoffCharts = lazy(() => import('./PayoffCharts'));

const months = (count: number) => `${count} month${count === 1 ? '' : 's'}`;

function PlanCard({ plan, title, rule }: { plan: Plan; title: string; rule: string }) {
  const order = [...plan.debts].sort((a, b) => a.order - b.order);
  return (
    <section className="card plan-card" aria-labelledby={`plan-${plan.strategy}`}>
      <h3 id={`plan-${plan.strategy}`}>{title}</h3>
      <p className="muted plan-rule">{rule}</p>
      {plan.paidOff ? (
        <dl className="plan-facts">
          <div>
            <dt>Debt-free</dt>
            <dd>{formatDate(plan.payoffDate)}</dd>
          </div>
          <div>
            <dt>Takes</dt>
            <dd>{months(plan.months)}</dd>
          </div>
          <div>
            <dt>Total interest</dt>
            <dd>
              <Money amount={plan.totalInterest} />
            </dd>
          </div>
          <div>
            <dt>Saved against minimums only</dt>
            <dd>
              {plan.interestSaved !== null && plan.monthsSaved !== null ? (
                <>
                  <Money amount={plan.interestSaved} /> and {months(plan.monthsSaved)}
                </>
              ) : (
                <span className="muted">Minimums alone never pay it all</span>
              )}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="plan-never" role="status">
          {plan.message}
        </p>
      )}
      <ol className="plan-order" aria-label={`${title}: order of payoff`}>
        {order.map((d) => (
          <li key={d.debtId}>
            <span className="plan-debt">{d.name}</span>{' '}
            <span className="muted">
              {d.payoffDate ? `paid off ${formatDate(d.payoffDate)}` : 'never paid off'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Both strategies for one extra amount a month, side by side, with their balances over time. */
export function PayoffPlanner() {
  const currency = useCurrency();
  const [extra, setExtra] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const { data, previousData, loading, error, refetch } = usePayoffPlans(extra);
  const plans = data ?? previousData;
  const serverProblem = error ? fieldErrors(error).extraPerMonth : undefined;

  return (
    <section className="payoff-planner" aria-labelledby="planner-heading">
      <h2 id="planner-heading">Payoff plan</h2>
      <form
        noValidate
        className="form planner-form"
        aria-label="Extra payment"
        onSubmit={(event) => {
          event.preventDefault();
          const value = (formValues(event.currentTarget).extraPerMonth ?? '').trim() || '0';
          const found = amountProblem(value, currency, { allowZero: true });
          setProblem(found);
          if (!found) setExtra(value);
        }}
      >
        <Field
          label={`Extra per month (${currency})`}
          name="extraPerMonth"
          inputMode="decimal"
          autoComplete="off"
          defaultValue="0"
          hint="Paid on top of every minimum; a paid-off debt's minimum rolls over to the next."
          error={problem ?? serverProblem}
        />
        <button type="submit" disabled={loading}>
          {loading ? 'Planning…' : 'Plan'}
        </button>
      </form>
      {!plans && loading && <Loading label="Planning…" />}
      {!plans && !loading && error && !serverProblem && (
        <ErrorState error={error} onRetry={() => void refetch()} />
      )}
      {plans && (
        <>
          {plans.snowball.paidOff && plans.avalanche.paidOff && (
            <p className="plan-verdict">
              <Verdict snowball={plans.snowball} avalanche={plans.avalanche} />
            </p>
          )}
          <div className="grid-2">
            <PlanCard
              plan={plans.snowball}
              title="Snowball"
              rule="Smallest balance first: quick wins."
            />
            <PlanCard
              plan={plans.avalanche}
              title="Avalanche"
              rule="Highest rate first: least interest."
            />
          </div>
          <Suspense fallback={<Loading label="Loading charts…" />}>
            <PayoffCharts snowball={plans.snowball} avalanche={plans.avalanche} />
          </Suspense>
        </>
      )}
    </section>
  );
}

/** Which strategy costs less interest, and by how much (exactly, in minor units). */
function Verdict({ snowball, avalanche }: { snowball: Plan; avalanche: Plan }) {
  const digits = currencyDigits(snowball.currency);
  const difference =
    toMinor(snowball.totalInterest, digits) - toMinor(avalanche.totalInterest, digits);
  if (difference === 0n) return <>Both strategies cost the same interest here.</>;
  const name = difference > 0n ? 'Avalanche' : 'Snowball';
  const saved = fromMinor(difference > 0n ? difference : -difference, digits);
  return (
    <>
      {name} saves <Money amount={saved} /> of interest against the other.
    </>
  );
}
