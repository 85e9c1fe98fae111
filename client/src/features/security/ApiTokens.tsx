import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokensQuery,
  type TokenScope,
} from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { CopyButton } from './clipboard';
import { formatDateTime, formatExpiry, isExpired } from './format';
import './security.css';

type ApiToken = ApiTokensQuery['apiTokens'][number];

const SCOPE_WORDS: Record<TokenScope, string> = { READ: 'Read only', WRITE: 'Read and write' };

function When({ iso, never }: { iso: string | null; never: string }) {
  if (!iso) return <span className="muted">{never}</span>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** Drops a revoked token from the cached list. */
function forgetToken(cache: ApolloCache, id: string) {
  const cached = cache.readQuery({ query: ApiTokensDocument });
  if (!cached) return;
  cache.writeQuery({
    query: ApiTokensDocument,
    data: { apiTokens: cached.apiTokens.filter((token) => token.id !== id) },
  });
}

/** The whole API tokens section: create one (its secret shown once), list them, revoke. */
export function ApiTokens() {
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument);
  return (
    <>
      <section className="card" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        <CreateTokenForm />
      </section>
      <section className="card card-flush" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {loading && !data ? (
          <Loading label="Loading your tokens…" />
        ) : error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <TokenList tokens={data?.apiTokens ?? []} />
        )}
      </section>
    </>
  );
}

export function CreateTokenForm() {
  const { show } = useFlash();
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const secretId = useId();
  const [create, { loading }] = useMutation(CreateApiTokenDocument, {
    update(cache, { data }) {
      const token = data?.createApiToken.apiToken;
      const cached = cache.readQuery({ query: ApiTokensDocument });
      if (!token || !cached) return;
      cache.writeQuery({
        query: ApiTokensDocument,
        data: { apiTokens: [token, ...cached.apiTokens.filter((t) => t.id !== token.id)] },
      });
    },
  });

  if (created) {
    return (
      <div className="token-secret" data-testid="token-secret">
        <p role="status" className="notice notice-warning">
          <strong>Copy your new token now.</strong> For your safety we keep only a fingerprint of
          it: you will not see it again.
        </p>
        <div className="field">
          <label htmlFor={secretId}>{`Token “${created.name}”`}</label>
          <textarea
            id={secretId}
            name="secret"
            className="mono secret-text"
            value={created.token}
            readOnly
            rows={2}
            spellCheck={false}
            aria-describedby={`${secretId}-hint`}
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="field-hint" id={`${secretId}-hint`}>
            Send it with each request as the header <code>Authorization: Bearer {'<token>'}</code>.
          </p>
        </div>
        <div className="form-actions">
          <CopyButton text={created.token} label="Copy token" className="" />
          <button type="button" className="button-secondary" onClick={() => setCreated(null)}>
            Done, I have saved it
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
        const values = formValues(form);
        const name = (values.name ?? '').trim();
        const found: Problems = {};
        if (!name) found.name = 'Name the token after the script that will use it';
        else if ([...name].length > 100) found.name = 'Use at most 100 characters';
        if (values.expiresAt && values.expiresAt < today()) {
          found.expiresAt = 'Choose today or a later day';
        }
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          const { data } = await create({
            variables: {
              name,
              scope: values.scope === 'WRITE' ? 'WRITE' : 'READ',
              expiresAt: values.expiresAt || null,
            },
          });
          if (!data) return;
          form.reset();
          setCreated({ token: data.createApiToken.token, name: data.createApiToken.apiToken.name });
          show({
            kind: 'success',
            message: `Token “${data.createApiToken.apiToken.name}” created.`,
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
        label="Name"
        name="name"
        autoComplete="off"
        maxLength={100}
        required
        hint="What will use it, e.g. “Monthly export script”"
        error={problems.name}
      />
      <fieldset className="choice-group">
        <legend>Access</legend>
        <label className="choice">
          <input type="radio" name="scope" value="READ" defaultChecked />
          <span>
            <strong>Read only</strong>
            <span className="muted"> — can read your expenses, budgets and reports</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="WRITE" />
          <span>
            <strong>Read and write</strong>
            <span className="muted"> — can also add, change and delete them</span>
          </span>
        </label>
        {problems.scope && <p className="field-error">{problems.scope}</p>}
      </fieldset>
      <Field
        label="Expires on (optional)"
        name="expiresAt"
        type="date"
        min={today()}
        hint="Leave empty for a token that never expires. It works through the end of that day (UTC)."
        error={problems.expiresAt}
      />
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

export function TokenList({ tokens }: { tokens: ApiToken[] }) {
  if (tokens.length === 0) {
    return (
      <div className="card-pad">
        <EmptyState title="No API tokens yet">
          <p className="muted">
            Create one above to let a script read (or change) your data without your password.
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <table className="table token-table">
      <caption className="visually-hidden">Your API tokens, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Access</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </tbody>
    </table>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const { show } = useFlash();
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading }] = useMutation(RevokeApiTokenDocument, {
    update: (cache) => forgetToken(cache, token.id),
  });
  const expired = isExpired(token.expiresAt);
  return (
    <tr>
      <td data-label="Name" className="description">
        <span>{token.name}</span>
      </td>
      <td data-label="Access">
        <span className="tag">{SCOPE_WORDS[token.scope] ?? token.scope}</span>
      </td>
      <td data-label="Created">
        <When iso={token.createdAt} never="—" />
      </td>
      <td data-label="Last used">
        <When iso={token.lastUsedAt} never="Never" />
      </td>
      <td data-label="Expires">
        <span>
          {token.expiresAt ? (
            <time dateTime={token.expiresAt} title={formatDateTime(token.expiresAt)}>
              {formatExpiry(token.expiresAt)}
            </time>
          ) : (
            <span className="muted">Never</span>
          )}
          {expired && <span className="tag tag-danger"> Expired</span>}
        </span>
      </td>
      <td className="row-actions">
        {confirming ? (
          <span className="confirm" role="group" aria-label={`Revoke “${token.name}”?`}>
            <span>Scripts using it stop working at once.</span>
            <button
              type="button"
              className="button-danger button-small"
              autoFocus
              disabled={loading}
              onClick={async () => {
                try {
                  await revoke({ variables: { id: token.id } });
                  show({ kind: 'success', message: `Token “${token.name}” revoked.` });
                } catch (error) {
                  setConfirming(false);
                  show({ kind: 'error', message: errorMessage(error) });
                }
              }}
            >
              Yes, revoke
            </button>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button-secondary button-small"
            aria-label={`Revoke ${token.name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
