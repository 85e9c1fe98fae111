import { Link } from 'react-router';
import { Money } from '../../components/Money';
import type { DashboardQuery } from '../../graphql/graphql';
import './dashboard.css';

type Account = DashboardQuery['dashboard']['accounts'][number];

/** Open accounts and what each holds, in its own currency. */
export function AccountBalances({ accounts }: { accounts: Account[] }) {
  const open = accounts.filter((a) => !a.archived);
  return (
    <section className="card card-flush" aria-labelledby="balances-heading">
      <div className="card-heading">
        <h2 id="balances-heading">Account balances</h2>
        <Link to="/accounts">Manage</Link>
      </div>
      {open.length === 0 ? (
        <p className="muted card-pad">
          No open accounts. <Link to="/accounts">Add one</Link>.
        </p>
      ) : (
        <ul className="balance-list">
          {open.map((account) => (
            <li key={account.id}>
              <Link to={`/transactions?account=${account.id}`}>{account.name}</Link>
              <Money amount={account.balance} currency={account.currency} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
