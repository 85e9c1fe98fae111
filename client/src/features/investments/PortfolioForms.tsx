import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { SavingForm } from '../../components/SavingForm';
import { today } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { formValues, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { uploadFile } from '../../lib/uploadFile';
import { decimalProblem } from './format';
import { AccountSelect, type InvestmentAccount } from './TradeForm';
import { useAddDividend, useAddSplit, useImportPrices, useSetPrice } from './usePortfolio';

const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9.\-:^=]{0,19}$/;

function symbolProblem(values: Record<string, string>, found: Problems) {
  if (!SYMBOL.test(values.symbol?.trim() ?? '')) found.symbol = 'Enter a symbol such as AAPL';
  if (!values.date) found.date = 'Choose the day';
  return found;
}

function clear(form: HTMLFormElement, name: string) {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = '';
}

export function DividendForm({ accounts }: { accounts: InvestmentAccount[] }) {
  const { show } = useFlash();
  const [add] = useAddDividend();
  return (
    <SavingForm
      label="Add a dividend"
      submitLabel="Add dividend"
      check={(values) => {
        const found = symbolProblem(values, {});
        const currency = accounts.find((a) => a.id === values.accountId)?.currency ?? 'USD';
        const amount = amountProblem(values.amount ?? '', currency);
        if (amount) found.amount = amount;
        return found;
      }}
      save={async (values, form) => {
        await add({
          variables: {
            input: {
              accountId: values.accountId,
              symbol: values.symbol.trim().toUpperCase(),
              amount: values.amount.trim(),
              date: values.date,
            },
          },
        });
        show({ kind: 'success', message: 'Dividend added as income.' });
        clear(form, 'amount');
      }}
    >
      {(problems) => (
        <>
          <AccountSelect accounts={accounts} error={problems.accountId} />
          <div className="form-row">
            <Field label="Symbol" name="symbol" autoComplete="off" error={problems.symbol} />
            <Field label="Amount" name="amount" inputMode="decimal" error={problems.amount} />
          </div>
          <Field label="Day" name="date" type="date" defaultValue={today()} error={problems.date} />
        </>
      )}
    </SavingForm>
  );
}

export function SplitForm({ accounts }: { accounts: InvestmentAccount[] }) {
  const { show } = useFlash();
  const [add] = useAddSplit();
  return (
    <SavingForm
      label="Add a split"
      submitLabel="Add split"
      check={(values) => {
        const found = symbolProblem(values, {});
        const match = /^(\d{1,6})(?:\s*[:/]\s*(\d{1,6}))?$/.exec(values.ratio?.trim() ?? '');
        if (!match) found.ratio = 'Enter a ratio such as 2 or 3:2';
        else if (Number(match[1]) === 0 || Number(match[2] ?? '1') === 0) {
          found.ratio = 'Ratio must not be 0';
        }
        return found;
      }}
      save={async (values, form) => {
        const { data } = await add({
          variables: {
            accountId: values.accountId || null,
            symbol: values.symbol.trim().toUpperCase(),
            date: values.date,
            ratio: values.ratio.trim(),
          },
        });
        show({ kind: 'success', message: `Split ${data?.addSplit.ratio ?? ''} recorded.` });
        clear(form, 'ratio');
      }}
    >
      {(problems) => (
        <>
          <AccountSelect accounts={accounts} optional="Every account" error={problems.accountId} />
          <div className="form-row">
            <Field label="Symbol" name="symbol" autoComplete="off" error={problems.symbol} />
            <Field
              label="Ratio"
              name="ratio"
              autoComplete="off"
              placeholder="2"
              hint="New : old, e.g. 3:2; 1:10 for a reverse split"
              error={problems.ratio}
            />
          </div>
          <Field label="Day" name="date" type="date" defaultValue={today()} error={problems.date} />
        </>
      )}
    </SavingForm>
  );
}

export function PriceForm() {
  const { show } = useFlash();
  const [save] = useSetPrice();
  return (
    <SavingForm
      label="Set a price"
      submitLabel="Save price"
      check={(values) => {
        const found = symbolProblem(values, {});
        const price = decimalProblem(values.price ?? '', 'Price', 10);
        if (price) found.price = price;
        return found;
      }}
      save={async (values, form) => {
        const symbol = values.symbol.trim().toUpperCase();
        await save({ variables: { symbol, date: values.date, price: values.price.trim() } });
        show({ kind: 'success', message: `Price of ${symbol} saved.` });
        clear(form, 'price');
      }}
    >
      {(problems) => (
        <>
          <div className="form-row">
            <Field label="Symbol" name="symbol" autoComplete="off" error={problems.symbol} />
            <Field label="Close" name="price" inputMode="decimal" error={problems.price} />
          </div>
          <Field label="Day" name="date" type="date" defaultValue={today()} error={problems.date} />
        </>
      )}
    </SavingForm>
  );
}

/** Uploads a CSV of closes (date,symbol,close; or date;price of one symbol), then stores them. */
export function PriceImport() {
  const inputId = useId();
  const { show } = useFlash();
  const [importPrices] = useImportPrices();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form"
      noValidate
      aria-label="Import prices"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const input = form.querySelector<HTMLInputElement>('input[type="file"]');
        const file = input?.files?.[0];
        if (!file) {
          setProblem('Choose a file first');
          input?.focus();
          return;
        }
        const symbol = formValues(form).symbol?.trim().toUpperCase() || null;
        setProblem(null);
        setBusy(true);
        try {
          const uploaded = await uploadFile(file);
          const { data } = await importPrices({ variables: { uploadId: uploaded.id, symbol } });
          const count = data?.importPrices ?? 0;
          show({
            kind: 'success',
            message: `${count} price${count === 1 ? '' : 's'} imported from ${uploaded.name}.`,
          });
          if (input) input.value = '';
        } catch (error) {
          setProblem(
            error instanceof Error && !('errors' in error) ? error.message : errorMessage(error),
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={inputId}>Price file (CSV)</label>
        <input
          id={inputId}
          type="file"
          name="file"
          accept=".csv,.txt"
          aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
        />
        <p className="field-hint" id={`${inputId}-hint`}>
          Rows of date,symbol,close — or date;price for the one symbol named below.
        </p>
        {problem && (
          <p className="field-error" id={`${inputId}-error`} role="alert">
            {problem}
          </p>
        )}
      </div>
      <Field label="Symbol (date;price files only)" name="symbol" autoComplete="off" />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import prices'}
        </button>
      </div>
    </form>
  );
}
