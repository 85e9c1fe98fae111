import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, type ReactNode } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useAdoptBrowserTimeZone } from '../features/settings/useUserSettings';
import { LogoutDocument, MeDocument } from '../graphql/graphql';
import { errorMessage } from '../lib/errors';
import { ConnectionBanner } from './connection';
import { FlashMessage, useFlash } from './flash';
import { useCurrentUser } from './session';

const LINKS = [
  ['/dashboard', 'Dashboard'],
  ['/expenses', 'Expenses'],
  ['/add_expense', 'Add expense'],
  ['/transactions', 'Transactions'],
  ['/recurring', 'Recurring'],
  ['/accounts', 'Accounts'],
  ['/portfolio', 'Portfolio'],
  ['/budgets', 'Budgets'],
  ['/rates', 'Rates'],
  ['/categories', 'Categories'],
  ['/settings', 'Settings'],
  ['/playground', 'Playground'],
] as const;

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Finance`;
  }, [title]);
}

/** Logging out: a real link to GET /logout without JavaScript; the logout mutation with it. */
export function LogoutButton({ className }: { className?: string }) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const { show } = useFlash();
  const [logout, { loading }] = useMutation(LogoutDocument);
  return (
    <form
      method="get"
      action="/logout"
      className={className}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await logout();
          await client.clearStore();
          client.writeQuery({ query: MeDocument, data: { me: null } });
          show({ kind: 'success', message: 'You have been logged out.', carry: true });
          navigate('/login');
        } catch (error) {
          show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <button type="submit" className="button-secondary" disabled={loading}>
        Log out
      </button>
    </form>
  );
}

export function SignedInLayout({ onRetry }: { onRetry(): void }) {
  const user = useCurrentUser();
  useAdoptBrowserTimeZone();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/dashboard" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◎
            </span>
            Finance
          </NavLink>
          <nav aria-label="Main">
            <ul className="nav-list">
              {LINKS.map(([to, label]) => (
                <li key={to}>
                  <NavLink to={to}>{label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-user">
            <NotificationBell />
            <span className="header-name">{user.firstname}</span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <ConnectionBanner onRetry={onRetry} />
      <main id="main" className="app-main" tabIndex={-1}>
        <FlashMessage />
        <Outlet />
      </main>
    </div>
  );
}

export function GuestLayout({ children, onRetry }: { children?: ReactNode; onRetry(): void }) {
  return (
    <div className="app app-guest">
      <ConnectionBanner onRetry={onRetry} />
      <main id="main" className="guest-main">
        <p className="brand brand-guest">
          <span className="brand-mark" aria-hidden="true">
            ◎
          </span>
          Finance
        </p>
        <FlashMessage />
        {children ?? <Outlet />}
      </main>
    </div>
  );
}
