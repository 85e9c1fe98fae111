import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { CategoriesDocument, PreviewCategoryRuleDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, hasProblems, type Problems } from '../../lib/forms';
import type { Account } from '../accounts/useAccounts';
import { placeErrors } from '../transactions/form-errors';

export interface RuleValues {
  match: string;
  category: string;
  accountId: string;
  minAmount: string;
  maxAmount: string;
}

export interface RuleInput {
  match: string;
  category: string;
  accountId: string | null;
  minAmount: string | null;
  maxAmount: string | null;
}

const FIELDS = ['match', 'category', 'accountId', 'minAmount', 'maxAmount'] as const;
export const EMPTY_RULE: RuleValues = {
  match: '',
  category: '',
  accountId: '',
  minAmount: '',
  maxAmount: '',
};

export function ruleInput(values: RuleValues): RuleInput {
  return {
    match: values.match.trim(),
    category: values.category.trim(),
    accountId: values.accountId || null,
    minAmount: values.minAmount.trim() || null,
    maxAmount: values.maxAmount.trim() || null,
  };
}

export function ruleProblems(values: RuleValues): Problems {
  const found: Problems = {};
  if (!values.match.trim()) found.match = 'Enter text the description or payee contains';
  if (!values.category.trim()) found.category = 'Choose the category to file them under';
  return found;
}

/** The values, once the user has stopped typing for a moment: the preview asks the server. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** How many uncategorised transactions the rule would file, as the user types it. */
function Preview({ values }: { values: RuleValues }) {
  const input = useSettled(JSON.stringify(ruleInput(values)));
  const parsed = JSON.parse(input) as RuleInput;
  const skip = !parsed.match || !parsed.category;
  const { data, error, loading } = useQuery(PreviewCategoryRuleDocument, {
    variables: { input: parsed },
    skip,
    fetchPolicy: 'network-only',
  });
  let text = 'Type a match and a category to see what the rule would change.';
  if (!skip && error) {
    const problems = Object.values(fieldErrors(error));
    text = `No preview yet: ${problems[0] ?? errorMessage(error)}`;
  } else if (!skip && data) {
    const n = data.previewCategoryRule;
    text =
      n === 0
        ? 'Would change no existing transactions.'
        : `Would change ${n} uncategorised transaction${n === 1 ? '' : 's'}.`;
  } else if (!skip && loading) text = 'Counting…';
  return (
    <p className="rule-preview" role="status" data-testid="rule-preview">
      {text}
    </p>
  );
}

/** A category rule: its match and category, optionally an account and an amount range. */
export function RuleForm({
  accounts,
  initial = EMPTY_RULE,
  submitLabel,
  onSave,
  children,
}: {
  accounts: Account[];
  initial?: RuleValues;
  submitLabel: string;
  onSave(input: RuleInput): Promise<void>;
  children?: ReactNode;
}) {
  const listId = useId();
  const accountFieldId = useId();
  const categories = useQuery(CategoriesDocument);
  const [values, setValues] = useState<RuleValues>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A range is read in the account's currency, else in the user's (as the server does).
  const reporting = useCurrency();
  const currency = accounts.find((a) => a.id === values.accountId)?.currency ?? reporting;
  const set = (name: keyof RuleValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value }));

  const submit = async (form: HTMLFormElement) => {
    const found = ruleProblems(values);
    setProblems(found);
    setFailure(null);
    if (hasProblems(found)) return focusFirstProblem(form, found);
    setSaving(true);
    try {
      await onSave(ruleInput(values));
      if (initial === EMPTY_RULE) setValues(EMPTY_RULE);
    } catch (error) {
      const placed = placeErrors(error, FIELDS);
      setProblems(placed.problems);
      setFailure(placed.failure);
      focusFirstProblem(form, placed.problems);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      noValidate
      className="form rule-form"
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-row">
        <Field
          label="Description or payee contains"
          name="match"
          value={values.match}
          onChange={set('match')}
          maxLength={100}
          placeholder="Netflix"
          autoComplete="off"
          error={problems.match}
        />
        <Field
          label="Category"
          name="category"
          list={listId}
          value={values.category}
          onChange={set('category')}
          autoComplete="off"
          placeholder="Entertainment"
          error={problems.category}
        />
      </div>
      <datalist id={listId}>
        {categories.data?.categories.map((category) => (
          <option key={category.id} value={category.name} />
        ))}
      </datalist>
      <div className={`field${problems.accountId ? ' field-invalid' : ''}`}>
        <label htmlFor={accountFieldId}>Account</label>
        <select
          id={accountFieldId}
          name="accountId"
          value={values.accountId}
          onChange={set('accountId')}
          aria-invalid={problems.accountId ? true : undefined}
        >
          <option value="">Any account</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.currency})
            </option>
          ))}
        </select>
        {problems.accountId && <p className="field-error">{problems.accountId}</p>}
      </div>
      <div className="form-row">
        <Field
          label={`At least (${currency}, optional)`}
          name="minAmount"
          inputMode="decimal"
          autoComplete="off"
          value={values.minAmount}
          onChange={set('minAmount')}
          error={problems.minAmount}
        />
        <Field
          label={`At most (${currency}, optional)`}
          name="maxAmount"
          inputMode="decimal"
          autoComplete="off"
          value={values.maxAmount}
          onChange={set('maxAmount')}
          error={problems.maxAmount}
        />
      </div>
      <Preview values={values} />
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
