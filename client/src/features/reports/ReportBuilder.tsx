import { useState } from 'react';
import { Field } from '../../components/Field';
import type { ReportGroupBy, ReportInput } from '../../graphql/graphql';
import { formValues, hasProblems, focusFirstProblem, type Problems } from '../../lib/forms';

export const GROUP_LABELS: Record<ReportGroupBy, string> = {
  MONTH: 'Month',
  CATEGORY: 'Category',
  PAYEE: 'Payee',
  ACCOUNT: 'Account',
  TAX_CATEGORY: 'Tax category',
};

/** Mirrors the API's rules, so that the form can say so before sending. */
export function reportProblems(values: Record<string, string>): Problems {
  const found: Problems = {};
  if (!values.from) found.from = 'Choose the first day';
  if (!values.to) found.to = 'Choose the last day';
  else if (values.from && values.to < values.from) found.to = 'The last day comes after the first';
  return found;
}

export function ReportBuilder({
  input,
  accounts,
  categories,
  problems: serverProblems,
  onRun,
}: {
  input: ReportInput;
  accounts: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  problems: Problems;
  onRun(input: ReportInput): void;
}) {
  const [problems, setProblems] = useState<Problems>({});
  const shown = { ...serverProblems, ...problems };
  const chosenAccounts = new Set(input.accountIds ?? []);
  const chosenCategories = new Set(input.categories ?? []);
  return (
    <form
      noValidate
      className="form card report-builder"
      aria-label="Report"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = reportProblems(values);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        const data = new FormData(form);
        const accountIds = data.getAll('accountIds').map(String);
        const chosen = data.getAll('categories').map(String);
        onRun({
          from: values.from,
          to: values.to,
          groupBy: values.groupBy as ReportGroupBy,
          accountIds: accountIds.length > 0 ? accountIds : null,
          categories: chosen.length > 0 ? chosen : null,
          taxDeductibleOnly: data.get('taxDeductibleOnly') === 'on',
        });
      }}
    >
      <div className="form-row">
        <Field label="From" name="from" type="date" defaultValue={input.from} error={shown.from} />
        <Field label="To" name="to" type="date" defaultValue={input.to} error={shown.to} />
        <div className={`field${shown.groupBy ? ' field-invalid' : ''}`}>
          <label htmlFor="report-group-by">Group by</label>
          <select id="report-group-by" name="groupBy" defaultValue={input.groupBy}>
            {Object.entries(GROUP_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {shown.groupBy && <p className="field-error">{shown.groupBy}</p>}
        </div>
        <label className="report-choice report-deductible">
          <input
            type="checkbox"
            name="taxDeductibleOnly"
            defaultChecked={input.taxDeductibleOnly === true}
          />{' '}
          Tax-deductible only
        </label>
      </div>
      <div className="report-filters">
        {accounts.length > 1 && (
          <fieldset className="field">
            <legend>Accounts (none chosen: all)</legend>
            <div className="report-choices">
              {accounts.map((account) => (
                <label key={account.id} className="report-choice">
                  <input
                    type="checkbox"
                    name="accountIds"
                    value={account.id}
                    defaultChecked={chosenAccounts.has(account.id)}
                  />{' '}
                  {account.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {categories.length > 0 && (
          <fieldset className="field">
            <legend>Categories (none chosen: all)</legend>
            <div className="report-choices">
              {categories.map((category) => (
                <label key={category.id} className="report-choice">
                  <input
                    type="checkbox"
                    name="categories"
                    value={category.name}
                    defaultChecked={chosenCategories.has(category.name)}
                  />{' '}
                  {category.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </div>
      <div className="form-actions">
        <button type="submit">Run report</button>
      </div>
    </form>
  );
}
