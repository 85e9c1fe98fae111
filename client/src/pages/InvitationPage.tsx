import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { useCurrentUser } from '../app/session';
import { ErrorState, Loading } from '../components/States';
import { ROLE_LABELS, useLedgers } from '../features/households/LedgerProvider';
import {
  AcceptInvitationDocument,
  DeclineInvitationDocument,
  InvitationDocument,
  LedgersDocument,
} from '../graphql/graphql';
import { errorMessage } from '../lib/errors';

const CLOSED = {
  ACCEPTED: 'This invitation has already been accepted.',
  DECLINED: 'This invitation was declined.',
  REVOKED: 'This invitation was withdrawn by the ledger’s owner.',
  EXPIRED: 'This invitation has expired: ask the owner for a new one.',
} as const;

/** The mailed link: signed in (RequireAuth sends visitors to log in first), accept or decline. */
export function InvitationPage() {
  usePageTitle('Invitation');
  const { token = '' } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { show } = useFlash();
  const { choose } = useLedgers();
  const { data, loading, error, refetch } = useQuery(InvitationDocument, {
    variables: { token },
    fetchPolicy: 'network-only',
  });
  const [accept, accepting] = useMutation(AcceptInvitationDocument, {
    refetchQueries: [LedgersDocument],
    awaitRefetchQueries: true,
  });
  const [decline, declining] = useMutation(DeclineInvitationDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const invitation = data?.invitation;

  let body;
  if (!invitation && loading) body = <Loading label="Loading the invitation…" />;
  else if (!invitation) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else {
    const otherAddress = invitation.email.toLowerCase() !== user.email.toLowerCase();
    body = (
      <section className="card" aria-labelledby="invitation-heading">
        <h2 id="invitation-heading">“{invitation.ledgerName}”</h2>
        <p>
          {invitation.invitedBy ?? 'Its owner'} invites you to share the ledger “
          {invitation.ledgerName}” as <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong>.
        </p>
        {invitation.status !== 'OPEN' ? (
          <p className="form-error" role="alert">
            {CLOSED[invitation.status]}
          </p>
        ) : otherAddress ? (
          <p className="form-error" role="alert">
            This invitation was sent to {invitation.email}, and you are signed in as {user.email}.
            Log out and sign in (or register) with {invitation.email} to accept it.
          </p>
        ) : (
          <>
            {failure && (
              <p className="form-error" role="alert">
                {failure}
              </p>
            )}
            <div className="form-actions">
              <button
                type="button"
                disabled={accepting.loading || declining.loading}
                onClick={async () => {
                  try {
                    const result = await accept({ variables: { token } });
                    const ledger = result.data?.acceptInvitation;
                    if (ledger) await choose(ledger.id);
                    show({
                      kind: 'success',
                      message: `You joined “${invitation.ledgerName}”.`,
                      carry: true,
                    });
                    navigate('/household');
                  } catch (e) {
                    setFailure(errorMessage(e));
                  }
                }}
              >
                Accept
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={accepting.loading || declining.loading}
                onClick={async () => {
                  try {
                    await decline({ variables: { token } });
                    show({ kind: 'success', message: 'Invitation declined.', carry: true });
                    navigate('/dashboard');
                  } catch (e) {
                    setFailure(errorMessage(e));
                  }
                }}
              >
                Decline
              </button>
            </div>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Invitation</h1>
      </div>
      {body}
    </section>
  );
}
