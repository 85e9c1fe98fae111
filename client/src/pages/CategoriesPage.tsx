import { Link } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { CategoryList } from '../features/categories/CategoryList';

export function CategoriesPage() {
  usePageTitle('Categories');
  return (
    <section className="page">
      <div className="page-heading">
        <h1>Categories</h1>
        <Link to="/rules" className="button-link">
          Category rules
        </Link>
      </div>
      <section className="card card-flush" aria-labelledby="categories-heading">
        <h2 id="categories-heading">Your categories</h2>
        <p className="muted card-pad">
          Rename, merge or hide categories. Hidden ones stay out of pickers; old names keep working
          for scripts.
        </p>
        <CategoryList />
      </section>
    </section>
  );
}
