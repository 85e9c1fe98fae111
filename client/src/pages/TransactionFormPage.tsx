import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { ErrorState, Loading } from '../components/States';
import { useRememberCategory } from '../features/category-rules/useRememberCategory';
import { WithOpenAccounts } from '../features/accounts/WithOpenAccounts';
import { IncomeForm } from '../features/transactions/IncomeForm';
import { TransferForm } from '../features/transactions/TransferForm';
import { useTransaction } from '../features/transactions/useTransactionList';
import {
  useAddIncome,
  useAddTransfer,
  useDeleteTransaction,
  useUpdateTransaction,
} from '../features/transactions/useTransactions';

const cancel = (
  <Link to="/transactions" className="button-link">
    Cancel
  </Link>
);

export function AddIncomePage() {
  usePageTitle('Add income');
  const navigate = useNavigate();
  const { show } = useFlash();
  const add = useAddIncome();
  return (
    <section className="page page-narrow">
      <h1>Add income</h1>
      <div className="card">
        <WithOpenAccounts>
          {(accounts) => (
            <IncomeForm
              accounts={accounts}
              submitLabel="Add income"
              onSave={async ({ category, ...values }) => {
                await add({ ...values, ...(category ? { category } : {}) });
                show({ kind: 'success', message: 'Income added.', carry: true });
                navigate('/transactions');
              }}
            >
              {cancel}
            </IncomeForm>
          )}
        </WithOpenAccounts>
      </div>
    </section>
  );
}

export function AddTransferPage() {
  usePageTitle('Transfer');
  const navigate = useNavigate();
  const { show } = useFlash();
  const add = useAddTransfer();
  return (
    <section className="page page-narrow">
      <h1>Transfer between accounts</h1>
      <div className="card">
        <WithOpenAccounts>
          {(accounts) => (
            <TransferForm
              accounts={accounts}
              submitLabel="Transfer"
              onSave={async ({ toAmount, description, ...values }) => {
                await add({
                  ...values,
                  ...(toAmount ? { toAmount } : {}),
                  ...(description ? { description } : {}),
                });
                show({ kind: 'success', message: 'Transfer recorded.', carry: true });
                navigate('/transactions');
              }}
            >
              {cancel}
            </TransferForm>
          )}
        </WithOpenAccounts>
      </div>
    </section>
  );
}

export function EditTransactionPage() {
  usePageTitle('Edit transaction');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { show } = useFlash();
  const { data, loading, error, refetch } = useTransaction(id);
  const update = useUpdateTransaction();
  const deleteTransaction = useDeleteTransaction();
  const [confirming, setConfirming] = useState(false);

  const remember = useRememberCategory();
  const saved = (offer?: ReturnType<typeof remember>) => {
    show({
      kind: 'success',
      message: `Transaction updated.${offer ? ` ${offer.question}` : ''}`,
      action: offer?.action,
      carry: true,
    });
    navigate('/transactions');
  };

  let body;
  if (loading && !data) body = <Loading label="Loading the transaction…" />;
  else if (error || !data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (data.transaction.kind === 'EXPENSE') {
    return <Navigate to={`/expenses/${data.transaction.id}/edit`} replace />;
  } else {
    const t = data.transaction;
    const keep = [t.account.id, ...(t.toAccount ? [t.toAccount.id] : [])];
    body = (
      <div className="card">
        <WithOpenAccounts keep={keep}>
          {(accounts) =>
            t.kind === 'INCOME' ? (
              <IncomeForm
                key={t.id}
                accounts={accounts}
                initial={{
                  accountId: t.account.id,
                  amount: t.amount,
                  category: t.category?.name ?? null,
                  date: t.date,
                  description: t.description,
                }}
                submitLabel="Save changes"
                onSave={async ({ category, ...values }) => {
                  await update(t.id, { kind: 'INCOME', ...values, category });
                  // A new category for a payee's income: offer to remember it as a rule.
                  saved(
                    remember(
                      { category: t.category?.name ?? null, description: t.description },
                      { category, description: values.description },
                    ),
                  );
                }}
              >
                {cancel}
              </IncomeForm>
            ) : (
              <TransferForm
                key={t.id}
                accounts={accounts}
                initial={{
                  fromAccountId: t.account.id,
                  toAccountId: t.toAccount?.id ?? '',
                  amount: t.amount,
                  toAmount: t.toAmount ?? null,
                  date: t.date,
                  description: t.description,
                }}
                submitLabel="Save changes"
                onSave={async ({ fromAccountId, description, ...values }) => {
                  await update(t.id, {
                    kind: 'TRANSFER',
                    accountId: fromAccountId,
                    description: description ?? 'Transfer',
                    ...values,
                  });
                  saved();
                }}
              >
                {cancel}
              </TransferForm>
            )
          }
        </WithOpenAccounts>
        <div className="danger-zone">
          {confirming ? (
            <p className="confirm">
              <span>Delete this transaction?</span>
              <button
                type="button"
                className="button-danger"
                autoFocus
                onClick={async () => {
                  if (await deleteTransaction(t)) navigate('/transactions');
                }}
              >
                Yes, delete
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => setConfirming(false)}
              >
                Keep it
              </button>
            </p>
          ) : (
            <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
              Delete transaction
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <section className="page page-narrow">
      <h1>Edit transaction</h1>
      {body}
    </section>
  );
}
