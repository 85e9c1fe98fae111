import { Link } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { CategoryRules } from '../features/category-rules/CategoryRules';

export function CategoryRulesPage() {
  usePageTitle('Category rules');
  return (
    <section className="page">
      <div className="page-heading">
        <h1>Category rules</h1>
        <Link to="/categories" className="button-link">
          Categories
        </Link>
      </div>
      <CategoryRules />
    </section>
  );
}
