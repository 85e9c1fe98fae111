import { useQuery } from '@apollo/client/react';
import { usePageTitle } from '../app/Layout';
import { ErrorState, Loading } from '../components/States';
import { ActivityCard } from '../features/households/ActivityCard';
import { CreateLedgerForm } from '../features/households/CreateLedgerForm';
import { InviteCard } from '../features/households/InviteCard';
import { ROLE_LABELS, useLedgers } from '../features/households/LedgerProvider';
import { MembersCard } from '../features/households/MembersCard';
import { HouseholdDocument } from '../graphql/graphql';

const YOU_ARE = { OWNER: 'an owner', EDITOR: 'an editor', VIEWER: 'a viewer' } as const;

/** The ledger chosen in the header's switcher: its members, invitations and activity. */
export function HouseholdPage() {
  usePageTitle('Household');
  const { current, ledgers, choose } = useLedgers();
  const shared = ledgers.filter((l) => !l.personal);
  const household = useQuery(HouseholdDocument, { skip: !current || current.personal });
  const ledger = household.data?.ledger;

  let body;
  if (!current) body = <Loading label="Loading your ledgers…" />;
  else if (current.personal) {
    body = (
      <>
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading">Share a ledger</h2>
          <p>
            Your personal ledger is yours alone. For money you share — a home, a flat, a trip —
            create a shared ledger and invite the others as owners, editors or viewers. Every member
            sees who added and changed what.
          </p>
          <CreateLedgerForm />
        </section>
        {shared.length > 0 && (
          <section className="card" aria-labelledby="shared-heading">
            <h2 id="shared-heading">Your shared ledgers</h2>
            <ul className="household-list" aria-label="Shared ledgers">
              {shared.map((l) => (
                <li key={l.id}>
                  <span className="household-who">
                    <span className="household-name">{l.name}</span>
                    <span className="muted">{ROLE_LABELS[l.role]}</span>
                  </span>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void choose(l.id)}
                  >
                    Open<span className="visually-hidden"> {l.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    );
  } else if (!ledger && household.loading) body = <Loading label="Loading the household…" />;
  else if (!ledger) {
    body = <ErrorState error={household.error} onRetry={() => void household.refetch()} />;
  } else {
    body = (
      <>
        <p className="household-summary">
          <strong>{ledger.name}</strong> is shared by {ledger.members.length}{' '}
          {ledger.members.length === 1 ? 'person' : 'people'}; you are {YOU_ARE[ledger.role]}. Its
          budgets and totals are in {ledger.currency} for every member.
        </p>
        <MembersCard ledger={ledger} />
        {ledger.role === 'OWNER' && <InviteCard ledgerId={ledger.id} />}
        <ActivityCard ledgerId={ledger.id} />
        <section className="card" aria-labelledby="another-heading">
          <h2 id="another-heading">Another shared ledger</h2>
          <CreateLedgerForm />
        </section>
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Household</h1>
      </div>
      {body}
    </section>
  );
}
