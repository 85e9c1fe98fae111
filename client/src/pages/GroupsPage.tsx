import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { GroupForm } from '../features/splitting/GroupForm';
import { CreateGroupDocument, GroupsDocument } from '../graphql/graphql';

export function GroupsPage() {
  usePageTitle('Groups');
  const { data, loading, error, refetch } = useQuery(GroupsDocument);
  const [create] = useMutation(CreateGroupDocument, { refetchQueries: [GroupsDocument] });
  const [adding, setAdding] = useState(false);
  const { show } = useFlash();
  const navigate = useNavigate();
  const groups = data?.groups;

  let body;
  if (!groups && loading) body = <Loading label="Loading groups…" />;
  else if (!groups) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (groups.length === 0) {
    body = adding ? null : (
      <EmptyState title="No groups yet">
        <p>Share bills with friends or flatmates: who paid, who owes, and how to settle up.</p>
        <button type="button" onClick={() => setAdding(true)}>
          Create your first group
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <section className="card card-flush" aria-labelledby="groups-heading">
        <div className="card-heading">
          <h2 id="groups-heading">Your groups</h2>
        </div>
        <table className="table">
          <caption className="visually-hidden">Groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Members</th>
              <th scope="col" className="numeric">
                Expenses
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={`/groups/${g.id}`}>{g.name}</Link>{' '}
                  <span className="muted">{g.currency}</span>
                </td>
                <td>{g.members.map((m) => m.name).join(', ')}</td>
                <td className="numeric">{g.expenseCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Groups</h1>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            New group
          </button>
        )}
      </div>
      {adding && (
        <section className="card" aria-labelledby="group-form-heading">
          <h2 id="group-form-heading">New group</h2>
          <GroupForm
            onCancel={() => setAdding(false)}
            onSave={async (input) => {
              const { data: created } = await create({ variables: { input } });
              show({ kind: 'success', message: `Created “${created!.createGroup.name}”.` });
              setAdding(false);
              void navigate(`/groups/${created!.createGroup.id}`);
            }}
          />
        </section>
      )}
      {body}
    </section>
  );
}
