import { Link } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { EmptyState } from '../components/States';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section className="page">
      <h1>Page not found</h1>
      <EmptyState title="There is nothing at this address">
        <p>
          Go to your <Link to="/dashboard">dashboard</Link>.
        </p>
      </EmptyState>
    </section>
  );
}
