import { Link } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { ApiTokens } from '../features/security/ApiTokens';

export function ApiTokensPage() {
  usePageTitle('API tokens');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <h1>API tokens</h1>
      <p className="muted page-narrow">
        A token lets a script use the GraphQL API at <code>/graphql</code> as you, without your
        password. Tokens cannot create other tokens or change your password. Revoke one as soon as
        you no longer need it.
      </p>
      <ApiTokens />
    </section>
  );
}
