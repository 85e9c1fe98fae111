import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { Field } from '../components/Field';
import { ResetPasswordDocument } from '../graphql/graphql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { formValues, hasProblems, newPasswordProblem, type Problems } from '../lib/forms';

/** POST /reset_password/<token> without JavaScript; resetPassword with it. */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { show } = useFlash();
  const [reset, { loading }] = useMutation(ResetPasswordDocument);
  const [problems, setProblems] = useState<Problems>({});
  return (
    <section className="card guest-card">
      <h1>Choose a new password</h1>
      <form
        method="post"
        action={`/reset_password/${encodeURIComponent(token)}`}
        noValidate
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const { password = '', confirmPassword = '' } = formValues(form);
          const found: Problems = {};
          const weak = newPasswordProblem(password);
          if (weak) found.password = weak;
          else if (password !== confirmPassword) found.confirmPassword = 'The two passwords differ';
          setProblems(found);
          if (hasProblems(found)) return;
          try {
            await reset({ variables: { token, password } });
            show({ kind: 'success', message: 'Your password has been updated!', carry: true });
            navigate('/login');
          } catch (error) {
            const byField = fieldErrors(error);
            if (byField.password) setProblems({ password: byField.password });
            else {
              show({ kind: 'error', message: errorMessage(error), carry: !!byField.token });
              if (byField.token) navigate('/forgot_password');
            }
          }
        }}
      >
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters"
          error={problems.password}
        />
        <Field
          label="Repeat the new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={problems.confirmPassword}
        />
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Set new password'}
        </button>
      </form>
      <p className="form-links">
        <Link to="/forgot_password">Ask for a new link</Link>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
