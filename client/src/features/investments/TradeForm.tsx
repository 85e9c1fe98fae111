import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import type { TradesQuery } from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { decimalProblem } from './format';
import { useAddTrade, useUpdateTrade } from './usePortfolio';

export type Trade = TradesQuery['trades']['nodes'][number];
export interface InvestmentAccount {
  id: string;
  name: string;
  currency: string;
}

export function tradeProblems(values: Record<string, string>, currency: string): Problems {
  const found: Problems = {};
  if (!values.accountId) found.accountId = 'Choose an investment account';
  if (!/^[A-Za-z0-9][A-Za-z0-9.\-:^=]{0,19}$/.test(values.symbol?.trim() ?? '')) {
    found.symbol = 'Enter a symbol such as AAPL';
  }
  const quantity = decimalProblem(values.quantity ?? '', 'Quantity', 8);
  if (quantity) found.quantity = quantity;
  const price = decimalProblem(values.price ?? '', 'Price', 10);
  if (price) found.price = price;
  if (values.fees?.trim()) {
    const fees = amountProblem(values.fees.trim(), currency, { allowZero: true });
    if (fees) found.fees = fees;
  }
  if (!values.date) found.date = 'Choose the day';
  return found;
}

/** Buys and sells; with `trade`, edits that one. */
export function TradeForm({
  accounts,
  trade,
  onDone,
}: {
  accounts: InvestmentAccount[];
  trade?: Trade;
  onDone?: () => void;
}) {
  const { show } = useFlash();
  const [add, adding] = useAddTrade();
  const [update, updating] = useUpdateTrade();
  const [problems, setProblems] = useState<Problems>({});
  const busy = adding.loading || updating.loading;
  const sideId = useId();
  return (
    <form
      noValidate
      className="form"
      aria-label={trade ? 'Edit trade' : 'Add a trade'}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const currency = accounts.find((a) => a.id === values.accountId)?.currency ?? 'USD';
        const found = tradeProblems(values, currency);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        const input = {
          accountId: values.accountId,
          symbol: values.symbol.trim().toUpperCase(),
          side: values.side === 'SELL' ? ('SELL' as const) : ('BUY' as const),
          quantity: values.quantity.trim(),
          price: values.price.trim(),
          fees: values.fees?.trim() || null,
          date: values.date,
        };
        try {
          if (trade) await update({ variables: { id: trade.id, input } });
          else await add({ variables: { input } });
          show({
            kind: 'success',
            message: `${input.side === 'BUY' ? 'Bought' : 'Sold'} ${input.quantity} ${input.symbol}.`,
          });
          if (!trade) {
            for (const name of ['quantity', 'price', 'fees']) {
              const field = form.elements.namedItem(name);
              if (field instanceof HTMLInputElement) field.value = '';
            }
          }
          onDone?.();
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <div className="form-row">
        <AccountSelect
          accounts={accounts}
          defaultValue={trade?.accountId}
          error={problems.accountId}
        />
        <div className="field">
          <label htmlFor={sideId}>Side</label>
          <select id={sideId} name="side" defaultValue={trade?.side ?? 'BUY'}>
            <option value="BUY">Buy</option>
            <option value="SELL">Sell</option>
          </select>
        </div>
      </div>
      <div className="form-row">
        <Field
          label="Symbol"
          name="symbol"
          autoComplete="off"
          placeholder="AAPL"
          className="symbol-input"
          defaultValue={trade?.security.symbol}
          error={problems.symbol}
        />
        <Field
          label="Day"
          name="date"
          type="date"
          defaultValue={trade?.date ?? today()}
          error={problems.date}
        />
      </div>
      <div className="form-row">
        <Field
          label="Quantity"
          name="quantity"
          inputMode="decimal"
          autoComplete="off"
          placeholder="10"
          defaultValue={trade?.quantity}
          error={problems.quantity}
        />
        <Field
          label="Price"
          name="price"
          inputMode="decimal"
          autoComplete="off"
          placeholder="182.50"
          defaultValue={trade?.price}
          error={problems.price}
        />
        <Field
          label="Fees"
          name="fees"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          defaultValue={trade && trade.fees !== '0.00' ? trade.fees : undefined}
          error={problems.fees}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : trade ? 'Save trade' : 'Add trade'}
        </button>
        {trade && (
          <button type="button" className="button-secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export function AccountSelect({
  accounts,
  defaultValue,
  error,
  optional,
}: {
  accounts: InvestmentAccount[];
  defaultValue?: string;
  error?: string;
  optional?: string;
}) {
  const id = `account-${useId()}`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Account</label>
      <select
        id={id}
        name="accountId"
        defaultValue={defaultValue ?? (optional ? '' : accounts[0]?.id)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {optional && <option value="">{optional}</option>}
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.currency})
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
