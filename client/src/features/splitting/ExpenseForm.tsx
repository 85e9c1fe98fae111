import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useState } from 'react';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import {
  GroupExpensePreviewDocument,
  type GroupExpenseInput,
  type SplitMethod,
} from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { fieldPaths, METHODS, type Group, type GroupExpense } from './useSplitting';
import './splitting.css';

/** What each member's input means, by method. */
const VALUE_LABEL: Record<SplitMethod, string> = {
  EQUAL: '',
  SHARES: 'shares',
  EXACT: 'amount',
  PERCENT: '%',
};

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A group expense with its split: who shares it and how. The parts are previewed live by the
 * server, which applies the very rule the expense is saved with.
 */
export function ExpenseForm({
  group,
  expense,
  onSave,
  onCancel,
}: {
  group: Group;
  expense?: GroupExpense;
  onSave(input: GroupExpenseInput): Promise<void>;
  onCancel(): void;
}) {
  const methodId = useId();
  const payerId = useId();
  const [description, setDescription] = useState(expense?.description ?? '');
  const [amount, setAmount] = useState(expense?.amount ?? '');
  const [currency, setCurrency] = useState(expense?.currency ?? group.currency);
  const [date, setDate] = useState(expense?.date ?? today());
  const [paidBy, setPaidBy] = useState(expense?.paidBy.id ?? group.members[0]?.id ?? '');
  const [method, setMethod] = useState<SplitMethod>(expense?.method ?? 'EQUAL');
  const [included, setIncluded] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(
      group.members.map((m) => [
        m.id,
        expense ? expense.splits.some((s) => s.member.id === m.id) : true,
      ]),
    ),
  );
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      group.members.map((m) => [
        m.id,
        expense?.splits.find((s) => s.member.id === m.id)?.value ?? '',
      ]),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const sharing = group.members.filter((m) => included[m.id]);
  const input: GroupExpenseInput = useMemo(
    () => ({
      groupId: group.id,
      description: description.trim() || 'Preview',
      amount: amount.trim(),
      currency: currency.trim().toUpperCase() || null,
      date,
      paidByMemberId: paidBy,
      method,
      splits: sharing.map((m) => ({
        memberId: m.id,
        value: method === 'EQUAL' ? null : (values[m.id] ?? '').trim(),
      })),
    }),
    [group.id, description, amount, currency, date, paidBy, method, sharing, values],
  );
  const settled = useDebounced(input, 250);
  const preview = useQuery(GroupExpensePreviewDocument, {
    variables: { input: settled },
    skip: !settled.amount || settled.splits.length === 0,
    fetchPolicy: 'network-only',
  });
  const previewProblems = preview.error ? fieldPaths(preview.error) : {};
  const partOf = (memberId: string) =>
    preview.data?.groupExpensePreview.find((p) => p.member.id === memberId)?.amount;
  const splitProblem = (index: number) =>
    problems[`splits.${index}.value`] ?? previewProblems[`splits.${index}.value`];

  return (
    <form
      noValidate
      className="form"
      aria-label={expense ? `Edit ${expense.description}` : 'New group expense'}
      onSubmit={async (event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        if (!description.trim()) found.description = 'Describe the expense';
        if (!amount.trim()) found.amount = 'Enter the amount';
        if (sharing.length === 0) found.splits = 'Choose who shares it';
        setProblems(found);
        setFailure(null);
        if (Object.keys(found).length > 0) return;
        setSaving(true);
        try {
          await onSave({ ...input, description: description.trim() });
        } catch (error) {
          const byField = fieldPaths(error);
          if (Object.keys(byField).length > 0) setProblems(byField);
          else setFailure(errorMessage(error));
        } finally {
          setSaving(false);
        }
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-row">
        <Field
          label="Description"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={150}
          autoComplete="off"
          error={problems.description}
        />
        <Field
          label="Date"
          name="date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={problems.date}
        />
      </div>
      <div className="form-row">
        <Field
          label="Amount"
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={problems.amount ?? previewProblems.amount}
        />
        <Field
          label="Currency"
          name="currency"
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value)}
          hint={
            currency.toUpperCase() !== group.currency ? `Converted to ${group.currency}` : undefined
          }
          error={problems.currency ?? previewProblems.currency}
        />
      </div>
      <div className="form-row">
        <div className={`field${problems.paidByMemberId ? ' field-invalid' : ''}`}>
          <label htmlFor={payerId}>Paid by</label>
          <select id={payerId} value={paidBy} onChange={(e) => setPaidBy(e.target.value)}>
            {group.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={methodId}>Split</label>
          <select
            id={methodId}
            value={method}
            onChange={(e) => setMethod(e.target.value as SplitMethod)}
          >
            {METHODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="split-members">
        <legend>Shared by</legend>
        {(problems.splits ?? previewProblems.splits) && (
          <p className="field-error" role="alert">
            {problems.splits ?? previewProblems.splits}
          </p>
        )}
        <ul className="split-parts">
          {group.members.map((m) => {
            const index = sharing.findIndex((s) => s.id === m.id);
            const part = included[m.id] ? partOf(m.id) : undefined;
            return (
              <li key={m.id}>
                <label className="split-check">
                  <input
                    type="checkbox"
                    checked={included[m.id] ?? false}
                    onChange={(e) => setIncluded((x) => ({ ...x, [m.id]: e.target.checked }))}
                  />
                  {m.name}
                </label>
                {method !== 'EQUAL' && included[m.id] && (
                  <span className="split-value">
                    <input
                      aria-label={`${m.name} ${VALUE_LABEL[method]}`}
                      inputMode="decimal"
                      value={values[m.id] ?? ''}
                      onChange={(e) => setValues((x) => ({ ...x, [m.id]: e.target.value }))}
                      aria-invalid={splitProblem(index) ? true : undefined}
                    />
                    <span className="muted">{VALUE_LABEL[method]}</span>
                  </span>
                )}
                <span className="split-part" data-testid={`part-${m.name}`}>
                  {part ? <Money amount={part} currency={group.currency} /> : '—'}
                </span>
                {index >= 0 && splitProblem(index) && (
                  <span className="field-error">{splitProblem(index)}</span>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : expense ? 'Save changes' : 'Add expense'}
        </button>
        <button type="button" className="button-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
