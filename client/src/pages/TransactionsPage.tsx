import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useAccounts } from '../features/accounts/useAccounts';
import { useCanWrite } from '../features/households/LedgerProvider';
import { KIND_LABELS, TransactionTable } from '../features/transactions/TransactionTable';
import { useTransactionList } from '../features/transactions/useTransactionList';
import { useDeleteTransaction } from '../features/transactions/useTransactions';
import type { TransactionFilter, TransactionKind } from '../graphql/graphql';
import { LoadMore } from '../components/LoadMore';

const KINDS = Object.keys(KIND_LABELS) as TransactionKind[];

export function TransactionsPage() {
  usePageTitle('Transactions');
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const account = params.get('account') ?? '';
  const kindParam = params.get('kind') ?? '';
  const kind = KINDS.find((k) => k === kindParam);
  const filter: TransactionFilter = {
    ...(account ? { accountId: account } : {}),
    ...(kind ? { kind } : {}),
  };
  const filtered = Object.keys(filter).length > 0;
  const { data, loading, error, refetch, fetchMore } = useTransactionList(filter);
  const accounts = useAccounts();
  const deleteTransaction = useDeleteTransaction();
  const ids = { account: useId(), kind: useId() };

  const connection = data?.transactions;
  let body;
  if (!connection && loading) body = <Loading label="Loading transactions…" />;
  else if (!connection) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (connection.nodes.length === 0) {
    body = filtered ? (
      <EmptyState title="No transactions match these filters">
        <p>
          <Link to="/transactions">Clear the filters</Link> to see every transaction.
        </p>
      </EmptyState>
    ) : (
      <EmptyState title="No transactions yet">
        <p>Expenses, income and transfers of every account are listed here, newest first.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <p className="muted" aria-live="polite">
          Showing {connection.nodes.length} of {connection.totalCount}{' '}
          {connection.totalCount === 1 ? 'transaction' : 'transactions'}.
        </p>
        <div className="card card-flush">
          <TransactionTable
            caption="Transactions, newest first"
            transactions={connection.nodes}
            onDelete={canWrite ? (transaction) => void deleteTransaction(transaction) : undefined}
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
        <h1>Transactions</h1>
        {canWrite && (
          <div className="heading-actions">
            <Link to="/transactions/income" className="button">
              Add income
            </Link>
            <Link to="/transactions/transfer" className="button button-secondary">
              Transfer
            </Link>
          </div>
        )}
      </div>
      <form
        role="search"
        aria-label="Filter transactions"
        method="get"
        action="/transactions"
        className="filters card"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          new FormData(event.currentTarget).forEach((value, key) => {
            if (typeof value === 'string' && value) next.set(key, value);
          });
          setParams(next);
        }}
      >
        <div className="field">
          <label htmlFor={ids.account}>Account</label>
          <select
            id={ids.account}
            name="account"
            defaultValue={account}
            key={`a${account}${accounts.data ? 1 : 0}`}
          >
            <option value="">All accounts</option>
            {accounts.data?.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.archived ? ' (archived)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} name="kind" defaultValue={kind ?? ''} key={`k${kind ?? ''}`}>
            <option value="">Every kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit">Filter</button>
          {filtered && (
            <Link to="/transactions" className="button-link">
              Clear
            </Link>
          )}
        </div>
      </form>
      {body}
    </section>
  );
}
