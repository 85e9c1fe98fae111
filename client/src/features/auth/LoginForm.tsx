import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useFlash } from '../../app/flash';
import { safeNext } from '../../app/session';
import { Field } from '../../components/Field';
import { RateLimitNotice, useRateLimit } from '../../components/RateLimit';
import { LoginDocument, MeDocument } from '../../graphql/graphql';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorMessage } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';

/** POST /login without JavaScript; the login mutation with it. */
export function LoginForm() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { show, clear } = useFlash();
  const [login, { loading }] = useMutation(LoginDocument);
  const [problems, setProblems] = useState<Problems>({});
  // Shown once the server says the account signs in with an authenticator code too.
  const [needsCode, setNeedsCode] = useState(false);
  const limit = useRateLimit();

  return (
    <form
      method="post"
      action="/login"
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const { username = '', password = '', otp = '' } = formValues(form);
        const found: Problems = {};
        if (!username.trim()) found.username = 'Enter your username or email';
        if (!password) found.password = 'Enter your password';
        if (needsCode && !otp.trim()) found.otp = 'Enter the code from your authenticator app';
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          const { data } = await login({
            variables: { username: username.trim(), password, otp: needsCode ? otp.trim() : null },
          });
          await client.clearStore();
          client.writeQuery({ query: MeDocument, data: { me: data?.login ?? null } });
          clear();
          navigate(safeNext(params.get('next')), { replace: true });
        } catch (error) {
          const codeProblem = CombinedGraphQLErrors.is(error)
            ? error.errors.find((e) => e.extensions?.field === 'otp')
            : undefined;
          if (limit.catchLimit(error)) {
            clear();
          } else if (codeProblem) {
            // Asked for the first time, the code is a next step, not a mistake.
            const firstAsk = codeProblem.extensions?.twoFactorRequired === true && !needsCode;
            const found: Problems = firstAsk ? {} : { otp: codeProblem.message };
            setProblems(found);
            clear();
            // A field already shown takes focus now; a new one takes it as it appears.
            if (needsCode) focusFirstProblem(form, { otp: codeProblem.message });
            else setNeedsCode(true);
          } else {
            show({ kind: 'error', message: errorMessage(error) });
          }
        }
      }}
    >
      <Field
        label="Username or email"
        name="username"
        autoComplete="username"
        required
        error={problems.username}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={problems.password}
      />
      {needsCode && (
        <Field
          label="Authenticator code"
          name="otp"
          autoComplete="one-time-code"
          hint="The 6-digit code from your app, or one of your recovery codes"
          autoFocus
          required
          error={problems.otp}
        />
      )}
      <RateLimitNotice until={limit.until} what="logging in" />
      <button type="submit" disabled={loading || limit.until !== null}>
        {loading ? 'Logging in…' : 'Log in'}
      </button>
      <p className="form-links">
        <Link to="/forgot_password">Forgot your password?</Link>
        <span>
          New here? <Link to="/register">Create an account</Link>
        </span>
      </p>
    </form>
  );
}
