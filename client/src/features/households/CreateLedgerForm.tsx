import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { useCurrentUser } from '../../app/session';
import { Field } from '../../components/Field';
import { CreateLedgerDocument, LedgersDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { CurrencySelect } from '../settings/CurrencySelect';
import { useLedgers } from './LedgerProvider';

const NAME_MAX = 100;

/** A new shared ledger, which the switcher then shows; the page moves to it. */
export function CreateLedgerForm() {
  const { choose } = useLedgers();
  const user = useCurrentUser();
  const { show } = useFlash();
  const [create, { loading }] = useMutation(CreateLedgerDocument, {
    refetchQueries: [LedgersDocument],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [currencyProblem, setCurrencyProblem] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="form"
      aria-label="New shared ledger"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = new FormData(form);
        const name = String(values.get('name') ?? '').trim();
        const currency = String(values.get('currency') ?? '');
        if (!name) return setProblem('Name the ledger, for example “Home” or “Flat 3B”');
        if (name.length > NAME_MAX) return setProblem(`Use at most ${NAME_MAX} characters`);
        setProblem(null);
        setCurrencyProblem(undefined);
        try {
          const { data } = await create({ variables: { name, currency } });
          form.reset();
          if (data) await choose(data.createLedger.id);
          show({
            kind: 'success',
            message: `Created “${name}”. Invite the people you share it with.`,
          });
        } catch (error) {
          const fields = fieldErrors(error);
          if (fields.currency) setCurrencyProblem(fields.currency);
          else setProblem(fields.name ?? errorMessage(error));
        }
      }}
    >
      <Field
        label="Name of the shared ledger"
        name="name"
        maxLength={NAME_MAX}
        autoComplete="off"
        error={problem}
      />
      {/* One currency for every member's budget and totals, whatever each member's own is. */}
      <CurrencySelect
        name="currency"
        label="Reporting currency"
        defaultValue={user.currency}
        error={currencyProblem}
      />
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          Create shared ledger
        </button>
      </div>
    </form>
  );
}
