import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { ChangePasswordDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import {
  focusFirstProblem,
  formValues,
  hasProblems,
  newPasswordProblem,
  type Problems,
} from '../../lib/forms';

export function passwordProblems(values: Record<string, string>): Problems {
  const found: Problems = {};
  if (!values.currentPassword) found.currentPassword = 'Enter your current password';
  const next = newPasswordProblem(values.newPassword ?? '');
  if (next) found.newPassword = next;
  else if (values.confirmPassword !== values.newPassword) {
    found.confirmPassword = 'The two new passwords differ';
  }
  return found;
}

export function PasswordForm() {
  const { show } = useFlash();
  const [change, { loading }] = useMutation(ChangePasswordDocument);
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
        const found = passwordProblems(values);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          await change({
            variables: { currentPassword: values.currentPassword, newPassword: values.newPassword },
          });
          form.reset();
          show({
            kind: 'success',
            message: 'Your password has been updated! Other devices have been logged out.',
          });
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            focusFirstProblem(form, byField);
          } else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={problems.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters"
        error={problems.newPassword}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={problems.confirmPassword}
      />
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
