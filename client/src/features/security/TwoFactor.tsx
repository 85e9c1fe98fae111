import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { ErrorState, Loading } from '../../components/States';
import {
  BeginTwoFactorSetupDocument,
  ConfirmTwoFactorSetupDocument,
  DisableTwoFactorDocument,
  TwoFactorStatusDocument,
  type BeginTwoFactorSetupMutation,
} from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { CopyButton, downloadText } from './clipboard';
import { groupSecret, svgDataUrl } from './format';
import './security.css';

/** The account's two-factor flag in the cache, as the server now has it. */
function setTwoFactor(cache: ApolloCache, enabled: boolean) {
  const cached = cache.readQuery({ query: TwoFactorStatusDocument });
  if (!cached?.me) return;
  cache.writeQuery({
    query: TwoFactorStatusDocument,
    data: { me: { ...cached.me, twoFactorEnabled: enabled } },
  });
}

type Setup = BeginTwoFactorSetupMutation['beginTwoFactorSetup'];

/** The server names the code field `otp` (or `code`); this form's field is `code`. */
function codeProblems(error: unknown): Problems {
  const byField = fieldErrors(error);
  const found: Problems = {};
  if (byField.password) found.password = byField.password;
  const code = byField.otp ?? byField.code;
  if (code) found.code = code;
  return found;
}

/** Two-factor sign-in: its state, turning it on (QR, code, recovery codes) and off. */
export function TwoFactor() {
  const { data, loading, error, refetch } = useQuery(TwoFactorStatusDocument);
  // Recovery codes stay on screen after the status flips to on, until the user is done.
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  if (loading && !data) return <Loading label="Loading two-factor sign-in…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (data?.me?.twoFactorEnabled) return <TurnOff />;
  return <TurnOn onConfirmed={setCodes} />;
}

function TurnOn({ onConfirmed }: { onConfirmed(codes: string[]): void }) {
  const { show } = useFlash();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [begin, beginState] = useMutation(BeginTwoFactorSetupDocument);
  const [confirm, confirmState] = useMutation(ConfirmTwoFactorSetupDocument, {
    update: (cache) => setTwoFactor(cache, true),
    refetchQueries: ['SecurityEvents'],
  });

  if (!setup) {
    return (
      <div className="form">
        <p>
          <span className="tag">Off</span> Signing in asks only for your password.
        </p>
        <p className="muted">
          Turn it on to also ask for a 6-digit code from an authenticator app on your phone (such as
          Aegis, Google Authenticator or 1Password), so a stolen password is not enough.
        </p>
        <div className="form-actions">
          <button
            type="button"
            disabled={beginState.loading}
            onClick={async () => {
              try {
                const { data } = await begin();
                if (data) setSetup(data.beginTwoFactorSetup);
              } catch (error) {
                show({ kind: 'error', message: errorMessage(error) });
              }
            }}
          >
            {beginState.loading ? 'Starting…' : 'Set up two-factor sign-in'}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const code = (formValues(form).code ?? '').replace(/\s/g, '');
        const found: Problems = {};
        if (!/^\d{6}$/.test(code)) found.code = 'Enter the 6-digit code your app shows';
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          const { data } = await confirm({ variables: { code } });
          if (!data) return;
          show({ kind: 'success', message: 'Two-factor sign-in is on.' });
          onConfirmed(data.confirmTwoFactorSetup);
        } catch (error) {
          const byField = codeProblems(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            focusFirstProblem(form, byField);
          } else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <ol className="steps">
        <li>
          <span>Scan this code with your authenticator app:</span>
          <img
            className="qr"
            src={svgDataUrl(setup.qrCodeSvg)}
            alt="QR code holding your two-factor secret"
            width={200}
            height={200}
          />
        </li>
        <li>
          <span>Or, if you cannot scan it, type this key into the app:</span>
          <span className="secret-line">
            <code className="secret" data-testid="totp-secret" aria-label="Secret key">
              {groupSecret(setup.secret)}
            </code>
            <CopyButton
              text={setup.secret}
              label="Copy key"
              className="button-secondary button-small"
            />
          </span>
        </li>
        <li>
          <span>Enter the 6-digit code the app now shows:</span>
        </li>
      </ol>
      <Field
        label="Code from the app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        error={problems.code}
      />
      <div className="form-actions">
        <button type="submit" disabled={confirmState.loading}>
          {confirmState.loading ? 'Checking…' : 'Turn on'}
        </button>
        <button type="button" className="button-secondary" onClick={() => setSetup(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const text = `Personal finance: two-factor recovery codes\nEach code works once, instead of a code from your app.\n\n${codes.join('\n')}\n`;
  return (
    <div className="form" data-testid="recovery-codes">
      <p className="notice notice-warning" role="status">
        <strong>Save these recovery codes now: you will not see them again.</strong> If you lose
        your phone, each one lets you sign in once instead of an app code.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" className="button-secondary" />
        <button
          type="button"
          className="button-secondary"
          onClick={() => downloadText('finance-recovery-codes.txt', text)}
        >
          Download as text
        </button>
        <button type="button" onClick={onDone}>
          Done, I have saved them
        </button>
      </div>
    </div>
  );
}

function TurnOff() {
  const { show } = useFlash();
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [disable, { loading }] = useMutation(DisableTwoFactorDocument, {
    update: (cache) => setTwoFactor(cache, false),
    refetchQueries: ['SecurityEvents'],
  });
  return (
    <div className="form">
      <p>
        <span className="tag tag-success">On</span> Signing in asks for your password and a code
        from your authenticator app (or one of your recovery codes).
      </p>
      {open ? (
        <form
          noValidate
          className="form"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const values = formValues(form);
            const code = (values.code ?? '').trim();
            const found: Problems = {};
            if (!values.password) found.password = 'Enter your password';
            if (!code) found.code = 'Enter a code from your app or a recovery code';
            setProblems(found);
            if (hasProblems(found)) return focusFirstProblem(form, found);
            try {
              await disable({ variables: { password: values.password, code } });
              show({ kind: 'success', message: 'Two-factor sign-in is off.' });
            } catch (error) {
              const byField = codeProblems(error);
              if (hasProblems(byField)) {
                setProblems(byField);
                focusFirstProblem(form, byField);
              } else show({ kind: 'error', message: errorMessage(error) });
            }
          }}
        >
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={problems.password}
          />
          <Field
            label="Authenticator or recovery code"
            name="code"
            autoComplete="one-time-code"
            required
            error={problems.code}
          />
          <div className="form-actions">
            <button type="submit" className="button-danger" disabled={loading}>
              {loading ? 'Turning off…' : 'Turn off two-factor sign-in'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
              Keep it on
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
            Turn off…
          </button>
        </div>
      )}
    </div>
  );
}
