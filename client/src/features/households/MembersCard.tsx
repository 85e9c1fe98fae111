import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import {
  ChangeLedgerMemberRoleDocument,
  HouseholdDocument,
  LedgerActivityDocument,
  LeaveLedgerDocument,
  RemoveLedgerMemberDocument,
  TransferLedgerOwnershipDocument,
  type HouseholdQuery,
  type Role,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { ConfirmDialog } from '../categories/ConfirmDialog';
import { ROLE_LABELS, useLedgers } from './LedgerProvider';

type Ledger = HouseholdQuery['ledger'];
type Member = Ledger['members'][number];

/** What a confirmation dialog is open for. */
type Pending =
  | { kind: 'remove'; member: Member }
  | { kind: 'handover'; member: Member }
  | { kind: 'leave' }
  | null;

const refetch = { refetchQueries: [HouseholdDocument, LedgerActivityDocument] };

export function MembersCard({ ledger }: { ledger: Ledger }) {
  const { show } = useFlash();
  const { ledgers, choose } = useLedgers();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [changeRole] = useMutation(ChangeLedgerMemberRoleDocument, refetch);
  const [remove] = useMutation(RemoveLedgerMemberDocument, refetch);
  const [handOver] = useMutation(TransferLedgerOwnershipDocument, refetch);
  const [leave] = useMutation(LeaveLedgerDocument);
  const isOwner = ledger.role === 'OWNER';

  const run = async (work: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await work();
      show({ kind: 'success', message: success });
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const personal = ledgers.find((l) => l.personal);

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ul className="household-list" aria-label="Members">
        {ledger.members.map((member) => (
          <li key={member.user.id}>
            <span className="household-who">
              <span className="household-name">
                {member.user.name}
                {member.isYou && <span className="muted"> (you)</span>}
              </span>
              {member.email && <span className="muted">{member.email}</span>}
            </span>
            {isOwner && !member.isYou ? (
              <span className="household-actions">
                <label className="visually-hidden" htmlFor={`role-${member.user.id}`}>
                  Role of {member.user.name}
                </label>
                <select
                  id={`role-${member.user.id}`}
                  value={member.role}
                  disabled={busy}
                  onChange={(event) => {
                    const role = event.target.value as Role;
                    void run(
                      () =>
                        changeRole({
                          variables: { ledgerId: ledger.id, userId: member.user.id, role },
                        }),
                      `${member.user.name} is now ${ROLE_LABELS[role].toLowerCase()}.`,
                    );
                  }}
                >
                  {(['OWNER', 'EDITOR', 'VIEWER'] as const).map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
                {member.role !== 'OWNER' && (
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => setPending({ kind: 'handover', member })}
                  >
                    Hand over
                    <span className="visually-hidden"> ownership to {member.user.name}</span>
                  </button>
                )}
                <button
                  type="button"
                  className="button-link danger"
                  onClick={() => setPending({ kind: 'remove', member })}
                >
                  Remove<span className="visually-hidden"> {member.user.name}</span>
                </button>
              </span>
            ) : (
              <span className="tag">{ROLE_LABELS[member.role]}</span>
            )}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => setPending({ kind: 'leave' })}
        >
          Leave this ledger
        </button>
      </div>
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${pending.member.user.name}?`}
          confirmLabel="Remove"
          danger
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void run(
              () => remove({ variables: { ledgerId: ledger.id, userId: pending.member.user.id } }),
              `${pending.member.user.name} no longer has access to “${ledger.name}”.`,
            )
          }
        >
          <p>They lose access at once, on every device and API token. What they added stays.</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'handover' && (
        <ConfirmDialog
          title={`Hand “${ledger.name}” over to ${pending.member.user.name}?`}
          confirmLabel="Hand over"
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void run(
              () =>
                handOver({ variables: { ledgerId: ledger.id, userId: pending.member.user.id } }),
              `${pending.member.user.name} now owns “${ledger.name}”; you are an editor.`,
            )
          }
        >
          <p>They become its owner and you an editor: only an owner can give it back.</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'leave' && (
        <ConfirmDialog
          title={`Leave “${ledger.name}”?`}
          confirmLabel="Leave"
          danger
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void run(async () => {
              await leave({ variables: { ledgerId: ledger.id } });
              if (personal) await choose(personal.id);
            }, `You left “${ledger.name}”.`)
          }
        >
          <p>You lose access to it; to come back, an owner has to invite you again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
