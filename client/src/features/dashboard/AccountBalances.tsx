import { Link } from 'react-router';
import { Money } from '../../components/Money';
import type { DashboardQuery } from '../../graphql/graphql';
import './dashboard.css';

type Account = DashboardQuery['dashboard']['accounts'][number];

/**
 * Open accounts and what each is worth, in its own currency: an investment account with its
 * holdings at the latest prices, as the net worth counts it.
 */
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
              {account.value === account.balance ? (
                <Money amount={account.value} currency={account.currency} />
              ) : (
                <span className="balance-worth">
                  <Money amount={account.value} currency={account.currency} />
                  <span className="muted">with holdings</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
