import type { ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { SavingForm } from '../../components/SavingForm';
import type { GoalInput } from '../../graphql/graphql';
import { today } from '../../lib/dates';
import type { Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { accountTypeLabel } from '../accounts/account-types';
import type { Account } from '../accounts/useAccounts';
import { CurrencySelect } from '../settings/CurrencySelect';
import type { Goal } from './useGoals';

const NAME_MAX = 100;

/** Mirrors the API's rules, so that the form can say so before sending. */
export function goalProblems(values: Record<string, string>, todayIs = today()): Problems {
  const found: Problems = {};
  const name = values.name?.trim() ?? '';
  if (!name) found.name = 'Name the goal';
  else if (name.length > NAME_MAX) found.name = `Use at most ${NAME_MAX} characters`;
  const target = amountProblem(values.targetAmount ?? '', values.currency ?? 'USD');
  if (target) found.targetAmount = target;
  const date = values.targetDate ?? '';
  if (date && date < todayIs) found.targetDate = 'Choose a date from today on';
  return found;
}

export function GoalForm({
  goal,
  accounts,
  submitLabel,
  onSave,
  children,
}: {
  goal?: Goal;
  accounts: Account[];
  submitLabel: string;
  onSave(input: GoalInput): Promise<void>;
  children?: ReactNode;
}) {
  const reporting = useCurrency();
  const linked = new Set(goal?.accounts.map((a) => a.id));
  // An archived account stays offered while linked, so that saving does not unlink it.
  const offered = accounts.filter((a) => !a.archived || linked.has(a.id));

  return (
    <SavingForm
      label={goal ? `Edit ${goal.name}` : 'New goal'}
      submitLabel={submitLabel}
      actions={children}
      // A goal may keep a date that has passed since it was set.
      check={(values) =>
        goalProblems(values, goal?.targetDate === values.targetDate ? '0000-01-01' : today())
      }
      save={(values, form) =>
        onSave({
          name: values.name.trim(),
          targetAmount: values.targetAmount.trim(),
          targetDate: values.targetDate || null,
          currency: values.currency,
          accountIds: new FormData(form).getAll('accountIds').map(String),
        })
      }
    >
      {(problems) => (
        <>
          <Field
            label="Name"
            name="name"
            defaultValue={goal?.name}
            maxLength={NAME_MAX}
            autoComplete="off"
            placeholder="Emergency fund"
            required
            error={problems.name}
          />
          <div className="form-row">
            <Field
              label="Target amount"
              name="targetAmount"
              inputMode="decimal"
              autoComplete="off"
              placeholder="5000.00"
              defaultValue={goal?.targetAmount}
              required
              error={problems.targetAmount}
            />
            <CurrencySelect
              name="currency"
              defaultValue={goal?.currency ?? reporting}
              error={problems.currency}
            />
          </div>
          <Field
            label="Target date (optional)"
            name="targetDate"
            type="date"
            min={goal?.targetDate && goal.targetDate < today() ? undefined : today()}
            defaultValue={goal?.targetDate ?? ''}
            hint="With a date, the goal shows what is still needed each month to make it."
            error={problems.targetDate}
          />
          {offered.length > 0 && (
            <fieldset
              className={`field goal-accounts${problems.accountIds ? ' field-invalid' : ''}`}
            >
              <legend>Accounts that count towards it</legend>
              {offered.map((account) => (
                <label key={account.id} className="goal-account">
                  <input
                    type="checkbox"
                    name="accountIds"
                    value={account.id}
                    defaultChecked={linked.has(account.id)}
                  />{' '}
                  {account.name}{' '}
                  <span className="muted">
                    {accountTypeLabel(account.type)} · {account.currency}
                  </span>
                </label>
              ))}
              <p className="field-hint">
                Their balances (an investment account&apos;s market value) add to what you
                contribute.
              </p>
              {problems.accountIds && <p className="field-error">{problems.accountIds}</p>}
            </fieldset>
          )}
        </>
      )}
    </SavingForm>
  );
}
