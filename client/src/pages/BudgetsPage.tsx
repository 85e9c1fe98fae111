import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { Money } from '../components/Money';
import { MonthPicker } from '../components/MonthPicker';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { CarryOver } from '../features/budgets/CarryOver';
import { LeftToBudget } from '../features/budgets/LeftToBudget';
import { MonthlyBudgetForm } from '../features/budgets/MonthlyBudgetForm';
import { TargetForm } from '../features/budgets/TargetForm';
import { TargetProgress } from '../features/budgets/TargetProgress';
import { UnbudgetedSpending } from '../features/budgets/UnbudgetedSpending';
import { forgetBudgetPlanning } from '../features/budgets/cache';
import {
  BudgetsDocument,
  DeleteBudgetCategoryDocument,
  DeleteMonthlyBudgetDocument,
  type BudgetsQuery,
} from '../graphql/graphql';
import { addMonths, currentMonth, formatMonth, isMonth } from '../lib/dates';
import { errorMessage } from '../lib/errors';

type Target = BudgetsQuery['budgetCategories'][number];

/** A delete button that asks once more, in place. */
function ConfirmDelete({ label, onConfirm }: { label: string; onConfirm(): Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button-link danger"
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        Delete
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className="button-danger button-small"
        // The question replaces the button that asked it: keyboard focus moves with it.
        autoFocus
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        Confirm delete
      </button>
      <button type="button" className="button-link" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

export function BudgetsPage({ focus }: { focus?: 'budget' | 'targets' }) {
  usePageTitle('Budgets');
  const [params, setParams] = useSearchParams();
  const month = isMonth(params.get('month')) ? (params.get('month') as string) : currentMonth();
  const setMonth = (next: string) => setParams({ month: next });
  const { show } = useFlash();
  const { data, loading, error, refetch } = useQuery(BudgetsDocument, {
    variables: { month, previousMonth: addMonths(month, -1) },
    // Spending and income change on other pages; the unbudgeted list must not lag behind.
    fetchPolicy: 'cache-and-network',
  });
  const [deleteBudget] = useMutation(DeleteMonthlyBudgetDocument, { update: forgetBudgetPlanning });
  const [deleteTarget] = useMutation(DeleteBudgetCategoryDocument, {
    update: forgetBudgetPlanning,
  });
  const [editing, setEditing] = useState<Target | null>(null);
  const [prefill, setPrefill] = useState<{
    month: string;
    category: string;
    targetAmount: string;
  } | null>(null);
  // A target begun for one month is dropped when the page moves to another.
  const adding = prefill?.month === month ? prefill : null;
  const budgetHeading = useRef<HTMLHeadingElement>(null);
  const targetHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus === 'budget') budgetHeading.current?.scrollIntoView();
    if (focus === 'targets') targetHeading.current?.scrollIntoView();
  }, [focus]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      show({ kind: 'success', message: done });
    } catch (e) {
      show({ kind: 'error', message: errorMessage(e) });
    }
  };

  let body;
  if (!data && loading) body = <Loading label="Loading budgets…" />;
  else if (!data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else {
    const budget = data.budgets.find((b) => b.month === month);
    const empty = !budget && data.budgetCategories.length === 0;
    body = (
      <div className="grid-2">
        <div className="grid-span">
          <CarryOver
            month={month}
            canCopy={empty && data.previousBudgeted}
            carryOver={data.budgetSettings.carryOver}
          />
        </div>

        <section className="card" aria-labelledby="budget-heading">
          <h2 id="budget-heading" ref={budgetHeading} tabIndex={-1}>
            Monthly budget
          </h2>
          {budget ? (
            <p className="big-figure">
              <Money amount={budget.amount} />
              <span className="muted"> for {formatMonth(month)}</span>
            </p>
          ) : (
            <p className="muted">No budget is set for {formatMonth(month)} yet.</p>
          )}
          <MonthlyBudgetForm month={month} amount={budget?.amount} onSaved={setMonth}>
            {budget && (
              <ConfirmDelete
                label={`Delete the budget for ${formatMonth(month)}`}
                onConfirm={() =>
                  run(
                    () => deleteBudget({ variables: { month } }),
                    `Budget for ${formatMonth(month)} deleted.`,
                  )
                }
              />
            )}
          </MonthlyBudgetForm>
        </section>

        <section className="card" aria-labelledby="targets-heading">
          <h2 id="targets-heading" ref={targetHeading} tabIndex={-1}>
            Category targets
          </h2>
          {data.budgetCategories.length === 0 ? (
            <p className="muted">
              No category targets for {formatMonth(month)}. Set one to watch a category’s spending.
            </p>
          ) : (
            <ul className="target-list">
              {data.budgetCategories.map((target) => (
                <li key={target.id}>
                  <div className="target-head">
                    <span className="target-name">{target.category.name}</span>
                    <span className="row-actions">
                      <button
                        type="button"
                        className="button-link"
                        aria-label={`Edit the target for ${target.category.name}`}
                        onClick={() => setEditing(target)}
                      >
                        Edit
                      </button>
                      <ConfirmDelete
                        label={`Delete the target for ${target.category.name}`}
                        onConfirm={() =>
                          run(
                            () => deleteTarget({ variables: { id: target.id } }),
                            `Target for “${target.category.name}” deleted.`,
                          )
                        }
                      />
                    </span>
                  </div>
                  <TargetProgress target={target} />
                </li>
              ))}
            </ul>
          )}
          <h3>
            {editing
              ? `Edit target: ${editing.category.name}`
              : adding
                ? `Add a target: ${adding.category}`
                : 'Set a target'}
          </h3>
          <TargetForm
            key={editing?.id ?? (adding ? `add-${adding.category}` : `new-${month}`)}
            month={month}
            categories={data.categories}
            editing={
              editing && {
                category: editing.category.name,
                targetAmount: editing.targetAmount,
                targetMonth: editing.targetMonth,
              }
            }
            prefill={editing ? null : adding}
            onDone={() => {
              setEditing(null);
              setPrefill(null);
            }}
          />
        </section>

        <section className="card" aria-labelledby="unbudgeted-heading">
          <h2 id="unbudgeted-heading">Spending without a target</h2>
          <UnbudgetedSpending
            month={month}
            rows={data.unbudgetedSpending}
            onAddTarget={(row) => {
              setEditing(null);
              setPrefill({ month, category: row.category.name, targetAmount: row.spent });
              targetHeading.current?.scrollIntoView({ block: 'start' });
            }}
          />
        </section>

        <section className="card" aria-labelledby="left-heading">
          <h2 id="left-heading">Left to budget</h2>
          <LeftToBudget
            month={month}
            income={data.dashboard.income}
            left={data.leftToBudget ?? null}
          />
        </section>

        <section className="card grid-span" aria-labelledby="history-heading">
          <h2 id="history-heading">All monthly budgets</h2>
          {data.budgets.length === 0 ? (
            <EmptyState title="No budgets yet">
              <p>Set a monthly budget above to compare your spending against it.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Monthly budgets, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="numeric">
                    Budget
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.budgets.map((b) => (
                  <tr key={b.id} aria-current={b.month === month ? 'true' : undefined}>
                    <td data-label="Month">{formatMonth(b.month)}</td>
                    <td data-label="Budget" className="numeric">
                      <Money amount={b.amount} />
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button-link"
                        aria-label={`Edit the budget for ${formatMonth(b.month)}`}
                        onClick={() => {
                          setMonth(b.month);
                          budgetHeading.current?.focus();
                        }}
                      >
                        Edit
                      </button>
                      <ConfirmDelete
                        label={`Delete the budget for ${formatMonth(b.month)}`}
                        onConfirm={() =>
                          run(
                            () => deleteBudget({ variables: { month: b.month } }),
                            `Budget for ${formatMonth(b.month)} deleted.`,
                          )
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Budgets</h1>
        <MonthPicker month={month} onChange={setMonth} />
      </div>
      {body}
    </section>
  );
}
