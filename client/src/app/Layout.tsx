import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import {
  LedgerProvider,
  LedgerSwitcher,
  useCanWrite,
  ViewerNote,
} from '../features/households/LedgerProvider';
import { AssistantPanel } from '../features/assistant/AssistantPanel';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useAdoptBrowserTimeZone } from '../features/settings/useUserSettings';
import { LogoutDocument, MeDocument } from '../graphql/graphql';
import { errorMessage } from '../lib/errors';
import { ConnectionBanner } from './connection';
import { FlashMessage, useFlash } from './flash';
import { useCurrentUser } from './session';

/** The pages, grouped as people look for them: what happened, what is planned, the set-up. */
const NAV_GROUPS: { title: string; links: [string, string][] }[] = [
  {
    title: 'Money',
    links: [
      ['/dashboard', 'Dashboard'],
      ['/transactions', 'Transactions'],
      ['/expenses', 'Expenses'],
      ['/add_expense', 'Add expense'],
      ['/recurring', 'Recurring'],
      ['/receipts', 'Receipts'],
      ['/import', 'Import'],
    ],
  },
  {
    title: 'Plan',
    links: [
      ['/budgets', 'Budgets'],
      ['/goals', 'Goals'],
      ['/debts', 'Debts'],
      ['/portfolio', 'Portfolio'],
      ['/insights', 'Insights'],
      ['/reports', 'Reports'],
      ['/tax', 'Tax'],
    ],
  },
  {
    title: 'Together',
    links: [
      ['/household', 'Household'],
      ['/groups', 'Groups'],
    ],
  },
  {
    title: 'Set up',
    links: [
      ['/accounts', 'Accounts'],
      ['/categories', 'Categories'],
      ['/rates', 'Rates'],
      ['/settings', 'Settings'],
      ['/playground', 'Playground'],
    ],
  },
];

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

// Viewers see every page but these, which only write.
const WRITE_ONLY = new Set<string>(['/add_expense']);

/**
 * The main navigation: a sidebar of grouped links on wide screens; on narrow ones the same
 * links behind a Menu button, closed again by choosing a page.
 */
function MainNav() {
  const canWrite = useCanWrite();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav aria-label="Main" className={open ? 'main-nav main-nav-open' : 'main-nav'}>
      <button
        type="button"
        className="button-secondary main-nav-toggle"
        aria-expanded={open}
        aria-controls="main-nav-groups"
        onClick={() => setOpen((was) => !was)}
      >
        Menu
      </button>
      <div id="main-nav-groups" className="main-nav-groups">
        {NAV_GROUPS.map((group) => (
          <div key={group.title} className="nav-group">
            <h2 className="nav-group-title" id={`nav-${group.title}`}>
              {group.title}
            </h2>
            <ul className="nav-list" aria-labelledby={`nav-${group.title}`}>
              {group.links
                .filter(([to]) => canWrite || !WRITE_ONLY.has(to))
                .map(([to, label]) => (
                  <li key={to}>
                    <NavLink to={to}>{label}</NavLink>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}

export function SignedInLayout({ onRetry }: { onRetry(): void }) {
  return (
    <LedgerProvider>
      <SignedInFrame onRetry={onRetry} />
    </LedgerProvider>
  );
}

function SignedInFrame({ onRetry }: { onRetry(): void }) {
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
          <div className="header-user">
            <LedgerSwitcher />
            <AssistantPanel />
            <NotificationBell />
            <span className="header-name">{user.firstname}</span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <ConnectionBanner onRetry={onRetry} />
      <div className="app-body">
        <MainNav />
        <main id="main" className="app-main" tabIndex={-1}>
          <ViewerNote />
          <FlashMessage />
          <Outlet />
        </main>
      </div>
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
