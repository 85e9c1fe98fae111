import { useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import {
  CategoriesDocument,
  type RecurringMode,
  type RecurringRuleInput,
  type TransactionKind,
} from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import type { Account } from '../accounts/useAccounts';
import { AccountSelect } from '../transactions/AccountSelect';
import { placeErrors } from '../transactions/form-errors';
import { defaultSchedule, parseRrule, scheduleProblems } from './schedule';
import { rruleOf, ScheduleFields, type Repeat } from './ScheduleFields';
import type { RecurringRule } from './useRecurring';
import './recurring.css';

const FIELDS = [
  'name',
  'kind',
  'mode',
  'amount',
  'accountId',
  'toAccountId',
  'category',
  'payee',
  'description',
  'startDate',
  'rrule',
  'interval',
  'weekdays',
  'count',
  'until',
] as const;
const SCHEDULE_FIELDS = ['rrule', 'interval', 'weekdays', 'count', 'until'];
const NAME_MAX = 100;
const TEXT_MAX = 200;

const KINDS: { value: TransactionKind; label: string }[] = [
  { value: 'EXPENSE', label: 'Expense (a bill, a subscription)' },
  { value: 'INCOME', label: 'Income (salary, rent received)' },
  { value: 'TRANSFER', label: 'Transfer (savings, a loan payment)' },
];

export function initialRepeat(rule: RecurringRule | undefined, startDate: string): Repeat {
  if (!rule) return { custom: false, schedule: defaultSchedule(startDate) };
  const schedule = parseRrule(rule.rrule, rule.startDate);
  return schedule ? { custom: false, schedule } : { custom: true, text: rule.rrule };
}

/** A rule's template (what is posted) and its schedule (when), checked here and by the API. */
export function RuleForm({
  rule,
  accounts,
  submitLabel,
  onSave,
  children,
}: {
  rule?: RecurringRule;
  accounts: Account[];
  submitLabel: string;
  onSave(input: RecurringRuleInput): Promise<void>;
  children?: ReactNode;
}) {
  const id = useId();
  const categories = useQuery(CategoriesDocument);
  const [kind, setKind] = useState<TransactionKind>(rule?.kind ?? 'EXPENSE');
  const [accountId, setAccountId] = useState(rule?.account.id ?? accounts[0]?.id ?? '');
  const [toAccountId, setToAccountId] = useState(
    rule?.toAccount?.id ?? accounts.find((a) => a.id !== accountId)?.id ?? '',
  );
  const [startDate, setStartDate] = useState(rule?.startDate ?? today());
  const [repeat, setRepeat] = useState<Repeat>(() => initialRepeat(rule, startDate));
  // A new rule's day follows its first date until the schedule itself is touched.
  const [scheduleTouched, setScheduleTouched] = useState(Boolean(rule));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const currency = accounts.find((a) => a.id === accountId)?.currency ?? 'USD';

  const check = (values: Record<string, string>): Problems => {
    const found: Problems = {};
    const name = values.name?.trim() ?? '';
    if (!name) found.name = 'Name the rule, e.g. Rent or Salary';
    else if (name.length > NAME_MAX) found.name = `Use at most ${NAME_MAX} characters`;
    const amount = amountProblem(values.amount ?? '', currency);
    if (amount) found.amount = amount;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) found.startDate = 'Enter the first date';
    if (kind === 'TRANSFER' && (!toAccountId || toAccountId === accountId)) {
      found.toAccountId = 'Choose another account for the money to go to';
    }
    if (repeat.custom && !repeat.text.trim()) found.rrule = 'Enter a recurrence rule';
    if (!repeat.custom) Object.assign(found, scheduleProblems(repeat.schedule, startDate));
    return found;
  };

  return (
    <form
      noValidate
      className="form rule-form"
      aria-label={rule ? `Edit ${rule.name}` : 'New recurring rule'}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = check(values);
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          await onSave({
            name: values.name.trim(),
            rrule: rruleOf(repeat),
            startDate,
            mode: values.mode as RecurringMode,
            kind,
            amount: values.amount.trim(),
            accountId: accountId || null,
            toAccountId: kind === 'TRANSFER' ? toAccountId : null,
            category: kind === 'TRANSFER' ? null : values.category?.trim() || null,
            payee: values.payee?.trim() || null,
            description: values.description?.trim() || null,
          });
        } catch (error) {
          const placed = placeErrors(error, FIELDS);
          setProblems(placed.problems);
          setFailure(placed.failure);
          focusFirstProblem(form, placed.problems);
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
          label="Name"
          name="name"
          defaultValue={rule?.name}
          maxLength={NAME_MAX}
          autoComplete="off"
          placeholder="Rent"
          required
          error={problems.name}
        />
        <div className={`field${problems.kind ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as TransactionKind)}
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="choice-group mode-group">
        <legend>When a date comes</legend>
        <label className="choice">
          <input type="radio" name="mode" value="AUTO" defaultChecked={rule?.mode !== 'EXPECT'} />
          <span>
            <strong>Post it</strong>
            <span className="muted"> — recorded on its day, nothing to do (salary, rent)</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="EXPECT" defaultChecked={rule?.mode === 'EXPECT'} />
          <span>
            <strong>Expect it</strong>
            <span className="muted">
              {' '}
              — shown as a bill until it is matched with a transaction or confirmed
            </span>
          </span>
        </label>
      </fieldset>
      <div className="form-row">
        <AccountSelect
          label={kind === 'INCOME' ? 'Into account' : 'From account'}
          name="accountId"
          accounts={accounts}
          value={accountId}
          onChange={setAccountId}
          error={problems.accountId}
        />
        {kind === 'TRANSFER' && (
          <AccountSelect
            label="To account"
            name="toAccountId"
            accounts={accounts}
            value={toAccountId}
            onChange={setToAccountId}
            error={problems.toAccountId}
          />
        )}
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="900.00"
          defaultValue={rule?.amount}
          required
          error={problems.amount}
        />
      </div>
      <div className="form-row">
        {kind !== 'TRANSFER' && (
          <Field
            label="Category (optional)"
            name="category"
            list={`${id}-categories`}
            autoComplete="off"
            defaultValue={rule?.categoryName ?? ''}
            error={problems.category}
          />
        )}
        <Field
          label="Payee (optional)"
          name="payee"
          autoComplete="off"
          maxLength={TEXT_MAX}
          defaultValue={rule?.payee ?? ''}
          error={problems.payee}
        />
      </div>
      <datalist id={`${id}-categories`}>
        {categories.data?.categories.map((category) => (
          <option key={category.id} value={category.name} />
        ))}
      </datalist>
      <Field
        label="Description (optional)"
        name="description"
        autoComplete="off"
        maxLength={TEXT_MAX}
        defaultValue={rule && rule.description !== rule.name ? rule.description : ''}
        hint="What the posted transactions say; the name when left empty."
        error={problems.description}
      />
      <Field
        label="First date"
        name="startDate"
        type="date"
        value={startDate}
        onChange={(event) => {
          const date = event.target.value;
          setStartDate(date);
          if (!scheduleTouched && !repeat.custom && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
            const { monthDay, weekdays } = defaultSchedule(date);
            setRepeat({ custom: false, schedule: { ...repeat.schedule, monthDay, weekdays } });
          }
        }}
        required
        hint={rule ? 'Dates already posted, confirmed or skipped stay as they are.' : undefined}
        error={problems.startDate}
      />
      <ScheduleFields
        repeat={repeat}
        onChange={(next) => {
          setScheduleTouched(true);
          setRepeat(next);
          // The live preview speaks for the schedule now; an old refusal would contradict it.
          setProblems((old) =>
            Object.fromEntries(Object.entries(old).filter(([f]) => !SCHEDULE_FIELDS.includes(f))),
          );
        }}
        startDate={startDate}
        problems={problems}
      />
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
