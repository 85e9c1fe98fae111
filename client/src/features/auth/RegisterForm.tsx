import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { RegisterDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import {
  emailProblem,
  focusFirstProblem,
  formValues,
  hasProblems,
  newPasswordProblem,
  usernameProblem,
  type Problems,
} from '../../lib/forms';
import { CurrencySelect } from '../settings/CurrencySelect';

export function registerProblems(values: Record<string, string>): Problems {
  const found: Problems = {};
  if (!values.firstname?.trim()) found.firstname = 'Enter your first name';
  if (!values.lastname?.trim()) found.lastname = 'Enter your last name';
  const email = emailProblem(values.email ?? '');
  if (email) found.email = email;
  const username = usernameProblem(values.username ?? '');
  if (username) found.username = username;
  const password = newPasswordProblem(values.password ?? '');
  if (password) found.password = password;
  return found;
}

/** POST /register without JavaScript; the register mutation with it. */
export function RegisterForm() {
  const navigate = useNavigate();
  const { show, clear } = useFlash();
  const [register, { loading }] = useMutation(RegisterDocument);
  const [problems, setProblems] = useState<Problems>({});

  return (
    <form
      method="post"
      action="/register"
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = registerProblems(values);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          await register({
            variables: {
              input: {
                firstname: values.firstname.trim(),
                lastname: values.lastname.trim(),
                email: values.email.trim(),
                username: values.username.trim(),
                password: values.password,
                currency: values.currency,
              },
            },
          });
          show({
            kind: 'success',
            message: 'Registration successful! Please log in.',
            carry: true,
          });
          navigate('/login');
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            clear();
            focusFirstProblem(form, byField);
          } else {
            show({ kind: 'error', message: errorMessage(error) });
          }
        }
      }}
    >
      <div className="form-row">
        <Field
          label="First name"
          name="firstname"
          autoComplete="given-name"
          required
          error={problems.firstname}
        />
        <Field
          label="Last name"
          name="lastname"
          autoComplete="family-name"
          required
          error={problems.lastname}
        />
      </div>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
      />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        hint="3 to 50 letters, digits, dots, dashes or underscores"
        error={problems.username}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters"
        error={problems.password}
      />
      <CurrencySelect name="currency" defaultValue="USD" error={problems.currency} />
      <button type="submit" disabled={loading}>
        {loading ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="form-links">
        <span>
          Already have an account? <Link to="/login">Log in</Link>
        </span>
      </p>
    </form>
  );
}
