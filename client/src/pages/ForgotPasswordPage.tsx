import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { Field } from '../components/Field';
import { RateLimitNotice, useRateLimit } from '../components/RateLimit';
import { RequestPasswordResetDocument } from '../graphql/graphql';
import { errorMessage } from '../lib/errors';
import { emailProblem, formValues } from '../lib/forms';

/** POST /forgot_password without JavaScript; requestPasswordReset with it. */
export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [params, setParams] = useSearchParams();
  const { show } = useFlash();
  const [request, { loading }] = useMutation(RequestPasswordResetDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const limit = useRateLimit();
  return (
    <section className="card guest-card">
      <h1>Forgot your password?</h1>
      {params.get('sent') ? (
        <p role="status">
          If an account uses that address, a link to choose a new password is on its way. It works
          for 30 minutes, once.
        </p>
      ) : (
        <form
          method="post"
          action="/forgot_password"
          noValidate
          className="form"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const { email = '' } = formValues(form);
            const found = emailProblem(email);
            setProblem(found);
            if (found) {
              (form.elements.namedItem('email') as HTMLInputElement).focus();
              return;
            }
            try {
              await request({ variables: { email: email.trim() } });
              setParams({ sent: '1' });
            } catch (error) {
              if (!limit.catchLimit(error)) show({ kind: 'error', message: errorMessage(error) });
            }
          }}
        >
          <p className="muted">We’ll email you a link to choose a new password.</p>
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={problem}
          />
          <RateLimitNotice until={limit.until} what="sending reset links" />
          <button type="submit" disabled={loading || limit.until !== null}>
            {loading ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p className="form-links">
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
