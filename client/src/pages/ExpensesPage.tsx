import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { ExpenseTable } from '../features/expenses/ExpenseTable';
import { filtersSearch } from '../features/expenses/list-filters';
import { useCanWrite } from '../features/households/LedgerProvider';
import { useDeleteExpense } from '../features/expenses/useDeleteExpense';
import { CategoriesDocument, ExpensesDocument, type ExpenseFilter } from '../graphql/graphql';
import { formatMonth, isMonth } from '../lib/dates';
import { LoadMore } from '../components/LoadMore';

const PAGE_SIZE = 25;

export function ExpensesPage() {
  usePageTitle('Expenses');
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const category = params.get('category') ?? '';
  const search = params.get('search') ?? '';
  const filter: ExpenseFilter = {
    ...(isMonth(month) ? { month } : {}),
    ...(category ? { category } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
  };
  const activeFilters = Object.keys(filter).length;
  const filtered = activeFilters > 0;
  // On a phone the filters fold away behind a toggle that says how many are on.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(ExpensesDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const categories = useQuery(CategoriesDocument);
  const deleteExpense = useDeleteExpense();
  const ids = { month: useId(), category: useId(), search: useId(), filters: useId() };

  const connection = data?.expenses;
  let body;
  if (!connection && loading) body = <Loading label="Loading expenses…" />;
  else if (!connection) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (connection.nodes.length === 0) {
    body = filtered ? (
      <EmptyState title="No expenses match these filters">
        <p>
          <Link to="/expenses">Clear the filters</Link> to see every expense.
        </p>
      </EmptyState>
    ) : (
      <EmptyState title="No expenses yet">
        <p>Record what you spend and it will be listed here, newest first.</p>
        {canWrite && (
          <Link to="/add_expense" className="button">
            Add your first expense
          </Link>
        )}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <p className="muted" aria-live="polite">
          Showing {connection.nodes.length} of {connection.totalCount}{' '}
          {connection.totalCount === 1 ? 'expense' : 'expenses'}
          {isMonth(month) ? ` in ${formatMonth(month)}` : ''}.
        </p>
        <div className="card card-flush">
          <ExpenseTable
            caption="Expenses, newest first"
            expenses={connection.nodes}
            onDelete={canWrite ? (expense) => void deleteExpense(expense) : undefined}
            editSearch={filtersSearch(params)}
          />
        </div>
        {error && <ErrorState error={error} onRetry={() => void refetch()} />}
        <LoadMore
          pageInfo={connection.pageInfo}
          loading={loading}
          onMore={(after) => void fetchMore({ variables: { after } })}
        />
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Expenses</h1>
        {canWrite && (
          <Link to="/add_expense" className="button">
            Add expense
          </Link>
        )}
      </div>
      <button
        type="button"
        className="button-secondary filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls={ids.filters}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtersOpen ? 'Hide filters' : 'Filters'}
        {filtered && (
          <span className="filters-count">
            {activeFilters} <span className="visually-hidden">active</span>
          </span>
        )}
      </button>
      <form
        id={ids.filters}
        role="search"
        aria-label="Filter expenses"
        method="get"
        action="/expenses"
        className={`filters card${filtersOpen ? '' : ' filters-folded'}`}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          new FormData(event.currentTarget).forEach((value, key) => {
            if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
          });
          setParams(next);
        }}
      >
        <div className="field">
          <label htmlFor={ids.month}>Month</label>
          <input id={ids.month} name="month" type="month" defaultValue={month} key={`m${month}`} />
        </div>
        <div className="field">
          <label htmlFor={ids.category}>Category</label>
          <select
            id={ids.category}
            name="category"
            defaultValue={category}
            key={`c${category}${categories.data ? 1 : 0}`}
          >
            <option value="">All categories</option>
            {categories.data?.categories.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.search}>Description contains</label>
          <input
            id={ids.search}
            name="search"
            type="search"
            defaultValue={search}
            key={`s${search}`}
          />
        </div>
        <div className="filters-actions">
          <button type="submit">Filter</button>
          {filtered && (
            <Link to="/expenses" className="button-link">
              Clear
            </Link>
          )}
        </div>
      </form>
      {body}
    </section>
  );
}
