import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { ErrorState, Loading } from '../components/States';
import { WithOpenAccounts } from '../features/accounts/WithOpenAccounts';
import { forgetTotals } from '../features/expenses/cache';
import { ExpenseForm, type SavedExpense } from '../features/expenses/ExpenseForm';
import { filtersSearch } from '../features/expenses/list-filters';
import { useDeleteExpense } from '../features/expenses/useDeleteExpense';
import { useRememberCategory } from '../features/category-rules/useRememberCategory';
import { ReceiptScan, confidenceHint, type ScannedReceipt } from '../features/receipts/ReceiptScan';
import {
  AddExpenseDocument,
  ConfirmReceiptDocument,
  ExpenseDocument,
  UpdateExpenseDocument,
} from '../graphql/graphql';
import { today } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { useCurrency } from '../app/session';
import { useCanWrite } from '../features/households/LedgerProvider';

/** " €12.00 is $13.08 in USD." for an expense in another currency than the reporting one. */
function reportingNote(saved: SavedExpense, reportingCurrency: string): string {
  if (saved.currency === reportingCurrency) return '';
  return ` ${formatMoney(saved.amount, saved.currency)} is ${formatMoney(saved.reportingAmount, reportingCurrency)} in ${reportingCurrency}.`;
}

export function AddExpensePage() {
  usePageTitle('Add expense');
  const navigate = useNavigate();
  const { show } = useFlash();
  const reportingCurrency = useCurrency();
  const [add] = useMutation(AddExpenseDocument, { update: forgetTotals });
  const [confirm] = useMutation(ConfirmReceiptDocument, {
    update(cache) {
      forgetTotals(cache);
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'receipts' });
    },
  });
  // A scanned receipt fills the form; saving then writes the expense with the receipt attached.
  const [receipt, setReceipt] = useState<ScannedReceipt | null>(null);
  const onRead = useCallback((read: ScannedReceipt) => setReceipt(read), []);
  const canWrite = useCanWrite();
  if (!canWrite) {
    return (
      <section className="page page-narrow">
        <h1>Add expense</h1>
        <p className="card">Viewers cannot add expenses to this ledger.</p>
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <h1>Add expense</h1>
      <div className="card">
        <ReceiptScan onRead={onRead} />
        <WithOpenAccounts>
          {(accounts) => (
            <ExpenseForm
              // A new reading starts the form afresh with its values.
              key={receipt?.id ?? 'blank'}
              accounts={accounts}
              initial={receipt ? receiptDraft(receipt, accounts[0]?.id) : undefined}
              hints={
                receipt
                  ? {
                      description: confidenceHint(receipt.merchant),
                      amount: confidenceHint(receipt.total),
                      date: confidenceHint(receipt.date),
                    }
                  : undefined
              }
              action="/add_expense"
              submitLabel={receipt ? 'Save expense with receipt' : 'Add expense'}
              addAnotherLabel={receipt ? undefined : 'Save and add another'}
              onSave={async (input, intent) => {
                const saved = receipt
                  ? (
                      await confirm({
                        variables: {
                          id: receipt.id,
                          input: {
                            merchant: input.description,
                            amount: input.amount,
                            date: input.date,
                            category: input.category,
                            currency: input.currency,
                            accountId: input.accountId,
                          },
                        },
                      })
                    ).data!.confirmReceipt.expense!
                  : (await add({ variables: { input } })).data!.addExpense;
                // Adding another stays here; the form itself says what was saved.
                if (intent === 'another') return saved;
                show({
                  kind: 'success',
                  message: `Expense added successfully!${reportingNote(saved, reportingCurrency)}`,
                  carry: true,
                });
                navigate('/dashboard');
                return saved;
              }}
            >
              <Link to="/expenses" className="button-link">
                Cancel
              </Link>
            </ExpenseForm>
          )}
        </WithOpenAccounts>
      </div>
    </section>
  );
}

/** The form's starting values from what the receipt reading found. */
function receiptDraft(receipt: ScannedReceipt, accountId: string | undefined) {
  return {
    description: receipt.merchant.value ?? '',
    amount: receipt.total.value ?? '',
    date: receipt.date.value ?? today(),
    category: receipt.suggestedCategory ?? '',
    ...(receipt.currency ? { currency: receipt.currency, accountId } : {}),
  };
}

export function EditExpensePage() {
  usePageTitle('Edit expense');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  // Back to the list as it was filtered when the user chose to edit.
  const list = `/expenses${filtersSearch(params)}`;
  const navigate = useNavigate();
  const { show } = useFlash();
  const { data, loading, error, refetch } = useQuery(ExpenseDocument, { variables: { id } });
  const reportingCurrency = useCurrency();
  const [update] = useMutation(UpdateExpenseDocument, { update: forgetTotals });
  const deleteExpense = useDeleteExpense();
  const remember = useRememberCategory();
  const [confirming, setConfirming] = useState(false);

  let body;
  if (loading && !data) body = <Loading label="Loading the expense…" />;
  else if (error || !data) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else {
    const expense = data.expense;
    body = (
      <div className="card">
        <WithOpenAccounts keep={[expense.account.id]}>
          {(accounts) => (
            <ExpenseForm
              key={expense.id}
              accounts={accounts}
              initial={{
                description: expense.description,
                amount: expense.amount,
                category: expense.category.name,
                date: expense.date,
                accountId: expense.account.id,
                currency: expense.currency,
              }}
              submitLabel="Save changes"
              onSave={async (input) => {
                const { data } = await update({ variables: { id: expense.id, input } });
                const saved = data!.updateExpense;
                // A new category for a payee's expense: offer to remember it as a rule.
                const offer = remember(
                  { category: expense.category.name, description: expense.description },
                  { category: saved.category.name, description: saved.description },
                );
                show({
                  kind: 'success',
                  message: `Expense updated.${reportingNote(saved, reportingCurrency)}${offer ? ` ${offer.question}` : ''}`,
                  action: offer?.action,
                  carry: true,
                });
                navigate(list);
                return saved;
              }}
            >
              <Link to={list} className="button-link">
                Cancel
              </Link>
            </ExpenseForm>
          )}
        </WithOpenAccounts>
        <div className="danger-zone">
          {confirming ? (
            <p className="confirm">
              <span>Delete this expense?</span>
              <button
                type="button"
                className="button-danger"
                autoFocus
                onClick={async () => {
                  if (await deleteExpense(expense)) navigate(list);
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
              Delete expense
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <section className="page page-narrow">
      <h1>Edit expense</h1>
      {body}
    </section>
  );
}
