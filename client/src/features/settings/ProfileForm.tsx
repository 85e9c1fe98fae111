import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { useCurrentUser } from '../../app/session';
import { Field } from '../../components/Field';
import { LedgersDocument, UpdateProfileDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import {
  emailProblem,
  focusFirstProblem,
  formValues,
  hasProblems,
  type Problems,
} from '../../lib/forms';
import { forgetTotals } from '../expenses/cache';
import { CurrencySelect } from './CurrencySelect';

export function ProfileForm() {
  const user = useCurrentUser();
  const { show } = useFlash();
  const [update, { loading }] = useMutation(UpdateProfileDocument, {
    // A new currency changes how every amount is rounded and shown.
    update: forgetTotals,
    // The personal ledger's currency is the user's.
    refetchQueries: [LedgersDocument],
  });
  const [problems, setProblems] = useState<Problems>({});
  return (
    <form
      method="post"
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found: Problems = {};
        if (!values.firstname?.trim()) found.firstname = 'Enter your first name';
        if (!values.lastname?.trim()) found.lastname = 'Enter your last name';
        const email = emailProblem(values.email ?? '');
        if (email) found.email = email;
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          await update({
            variables: {
              input: {
                firstname: values.firstname.trim(),
                lastname: values.lastname.trim(),
                email: values.email.trim(),
                currency: values.currency,
              },
            },
          });
          show({ kind: 'success', message: 'Your profile has been updated.' });
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <div className="form-row">
        <Field
          label="First name"
          name="firstname"
          autoComplete="given-name"
          defaultValue={user.firstname}
          required
          error={problems.firstname}
        />
        <Field
          label="Last name"
          name="lastname"
          autoComplete="family-name"
          defaultValue={user.lastname}
          required
          error={problems.lastname}
        />
      </div>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={user.email}
        required
        error={problems.email}
      />
      <CurrencySelect name="currency" defaultValue={user.currency} error={problems.currency} />
      <p className="field-hint">Username: {user.username} (cannot be changed)</p>
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
