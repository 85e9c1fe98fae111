import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { ExpenseForm } from '../features/splitting/ExpenseForm';
import { PaymentRequestDialog } from '../features/splitting/PaymentRequestDialog';
import { METHODS, type GroupExpense } from '../features/splitting/useSplitting';
import {
  AddGroupExpenseDocument,
  DeleteGroupDocument,
  DeleteGroupExpenseDocument,
  GroupDocument,
  GroupsDocument,
  RecordSettlementDocument,
  UpdateGroupExpenseDocument,
} from '../graphql/graphql';
import { today } from '../lib/dates';
import '../features/splitting/splitting.css';
import { errorMessage } from '../lib/errors';

const METHOD_LABEL = Object.fromEntries(METHODS);

export function GroupPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(GroupDocument, { variables: { id } });
  const group = data?.group;
  usePageTitle(group?.name ?? 'Group');
  const refresh = { refetchQueries: [GroupDocument, GroupsDocument] };
  const [add] = useMutation(AddGroupExpenseDocument, refresh);
  const [update] = useMutation(UpdateGroupExpenseDocument, refresh);
  const [removeExpense] = useMutation(DeleteGroupExpenseDocument, refresh);
  const [record] = useMutation(RecordSettlementDocument, refresh);
  const [removeGroup] = useMutation(DeleteGroupDocument, { refetchQueries: [GroupsDocument] });
  const [editing, setEditing] = useState<GroupExpense | 'new' | null>(null);
  const [requesting, setRequesting] = useState<{ from: string; to: string } | null>(null);
  const { show } = useFlash();
  const navigate = useNavigate();
  const run = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      show({ kind: 'success', message });
    } catch (failure) {
      show({ kind: 'error', message: errorMessage(failure) });
    }
  };

  if (!data && loading) return <Loading label="Loading the group…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!group) {
    return (
      <EmptyState title="Group not found">
        <Link to="/groups">All groups</Link>
      </EmptyState>
    );
  }
  const expenses = data.groupExpenses.nodes;

  return (
    <section className="page">
      <div className="page-heading">
        <h1>
          {group.name} <span className="muted">{group.currency}</span>
        </h1>
        {editing == null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add expense
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby="expense-form-heading">
          <h2 id="expense-form-heading">
            {editing === 'new' ? 'New expense' : `Edit “${editing.description}”`}
          </h2>
          <ExpenseForm
            key={editing === 'new' ? 'new' : editing.id}
            group={group}
            expense={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSave={async (input) => {
              if (editing === 'new') await add({ variables: { input } });
              else await update({ variables: { id: editing.id, input } });
              show({ kind: 'success', message: `Saved “${input.description}”.` });
              setEditing(null);
            }}
          />
        </section>
      )}
      <div className="split-summary">
        <section className="card card-flush" aria-labelledby="balances-heading">
          <div className="card-heading">
            <h2 id="balances-heading">Balances</h2>
          </div>
          <table className="table split-balances">
            <caption className="visually-hidden">Balances: above zero is owed</caption>
            <tbody>
              {group.balances.map((b) => (
                <tr key={b.member.id}>
                  <th scope="row">{b.member.name}</th>
                  <td className="numeric">
                    <Money amount={b.balance} currency={group.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card card-flush" aria-labelledby="settle-heading">
          <div className="card-heading">
            <h2 id="settle-heading">Settle up</h2>
          </div>
          {group.settlements.length === 0 ? (
            <p className="muted card-pad">Everyone is even.</p>
          ) : (
            <ul className="split-transfers">
              {group.settlements.map((t) => (
                <li key={`${t.from.id}-${t.to.id}`}>
                  <span>
                    {t.from.name} pays {t.to.name}{' '}
                    <Money amount={t.amount} currency={group.currency} />
                  </span>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button-link"
                      onClick={() =>
                        void run(
                          () =>
                            record({
                              variables: {
                                input: {
                                  groupId: group.id,
                                  fromMemberId: t.from.id,
                                  toMemberId: t.to.id,
                                  amount: t.amount,
                                  date: today(),
                                },
                              },
                            }),
                          `Recorded ${t.from.name} paying ${t.to.name}.`,
                        )
                      }
                    >
                      Record
                    </button>
                    <button
                      type="button"
                      className="button-link"
                      onClick={() => setRequesting({ from: t.from.id, to: t.to.id })}
                    >
                      Request
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card card-flush" aria-labelledby="expenses-heading">
        <div className="card-heading">
          <h2 id="expenses-heading">Expenses</h2>
        </div>
        {expenses.length === 0 ? (
          <p className="muted card-pad">No expenses yet.</p>
        ) : (
          <table className="table split-expenses">
            <caption className="visually-hidden">Expenses, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Expense</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {expenses.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{e.date}</td>
                  <td className="split-expense">
                    {e.description}
                    <div className="muted">
                      {e.paidBy.name} paid · {METHOD_LABEL[e.method]} ·{' '}
                      {e.splits.map((s) => `${s.member.name} ${s.amount}`).join(', ')}
                    </div>
                  </td>
                  <td className="numeric">
                    <Money amount={e.amount} currency={e.currency} />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button-link" onClick={() => setEditing(e)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button-link danger"
                      onClick={() =>
                        void run(
                          () => removeExpense({ variables: { id: e.id } }),
                          `Deleted “${e.description}”.`,
                        )
                      }
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p>
        <button
          type="button"
          className="button-link danger"
          onClick={() =>
            void run(async () => {
              if (!window.confirm(`Delete “${group.name}” and all its expenses?`)) return;
              await removeGroup({ variables: { id: group.id } });
              void navigate('/groups');
            }, `Deleted “${group.name}”.`)
          }
        >
          Delete group
        </button>
      </p>
      {requesting && (
        <PaymentRequestDialog
          groupId={group.id}
          fromMemberId={requesting.from}
          toMemberId={requesting.to}
          onClose={() => setRequesting(null)}
        />
      )}
    </section>
  );
}
