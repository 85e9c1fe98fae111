import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { ErrorState, Loading } from '../../components/States';
import {
  InviteToLedgerDocument,
  LedgerActivityDocument,
  PendingInvitationsDocument,
  RevokeInvitationDocument,
  type Role,
} from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { emailProblem, type Problems } from '../../lib/forms';
import { ROLE_LABELS } from './LedgerProvider';

const ROLE_HINTS: Record<Role, string> = {
  VIEWER: 'Viewer: sees everything, changes nothing',
  EDITOR: 'Editor: adds and changes transactions, budgets and accounts',
  OWNER: 'Owner: also invites, removes and changes roles',
};

/** Owners invite by address; the link goes by mail and works for that address only. */
export function InviteCard({ ledgerId }: { ledgerId: string }) {
  const roleId = useId();
  const { show } = useFlash();
  const pending = useQuery(PendingInvitationsDocument, { variables: { ledgerId } });
  const [invite, { loading }] = useMutation(InviteToLedgerDocument, {
    refetchQueries: [PendingInvitationsDocument, LedgerActivityDocument],
  });
  const [revoke] = useMutation(RevokeInvitationDocument, {
    refetchQueries: [PendingInvitationsDocument, LedgerActivityDocument],
  });
  const [problems, setProblems] = useState<Problems>({});

  const list = pending.data?.pendingInvitations;
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form
        noValidate
        className="form"
        aria-label="Invite to this ledger"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const values = new FormData(form);
          const email = String(values.get('email') ?? '').trim();
          const role = String(values.get('role')) as Role;
          const problem = emailProblem(email);
          if (problem) return setProblems({ email: problem });
          setProblems({});
          try {
            await invite({ variables: { ledgerId, email, role } });
            form.reset();
            show({ kind: 'success', message: `Invitation sent to ${email}.` });
          } catch (error) {
            const byField = fieldErrors(error);
            setProblems(byField.email ? byField : { email: errorMessage(error) });
          }
        }}
      >
        <div className="form-row">
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            error={problems.email}
            hint="They sign in (or register) with this address to accept; the link lasts 7 days."
          />
          <div className="field">
            <label htmlFor={roleId}>Role</label>
            <select id={roleId} name="role" defaultValue="EDITOR">
              {(['VIEWER', 'EDITOR', 'OWNER'] as const).map((role) => (
                <option key={role} value={role}>
                  {ROLE_HINTS[role]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={loading}>
            Send invitation
          </button>
        </div>
      </form>
      <h3>Pending invitations</h3>
      {!list && pending.loading && <Loading label="Loading invitations…" />}
      {!list && pending.error && (
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
      )}
      {list && list.length === 0 && (
        <p className="muted">No invitations are waiting for an answer.</p>
      )}
      {list && list.length > 0 && (
        <ul className="household-list" aria-label="Pending invitations">
          {list.map((invitation) => (
            <li key={invitation.id}>
              <span className="household-who">
                <span className="household-name">{invitation.email}</span>
                <span className="muted">
                  {ROLE_LABELS[invitation.role]} · until{' '}
                  {new Date(invitation.expiresAt).toLocaleDateString()}
                </span>
              </span>
              <button
                type="button"
                className="button-link danger"
                onClick={async () => {
                  try {
                    await revoke({ variables: { ledgerId, id: invitation.id } });
                    show({
                      kind: 'success',
                      message: `Invitation to ${invitation.email} revoked.`,
                    });
                  } catch (error) {
                    show({ kind: 'error', message: errorMessage(error) });
                  }
                }}
              >
                Revoke<span className="visually-hidden"> the invitation to {invitation.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
