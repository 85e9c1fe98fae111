import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { CategoriesDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { TaxCategoryInput } from './TaxCategoryInput';
import { useSetCategoryTaxDeductible, useTaxCategoryMarks } from './useTax';

/** Categories whose every expense is deductible: add, change (add again) and remove. */
export function CategoryMarks() {
  const { show } = useFlash();
  const marks = useTaxCategoryMarks();
  const categories = useQuery(CategoriesDocument).data?.categories ?? [];
  const [setMark, { loading }] = useSetCategoryTaxDeductible();
  const [categoryId, setCategoryId] = useState('');
  const [taxCategory, setTaxCategory] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  const list = marks.data?.taxCategoryMarks;
  let body;
  if (!list && marks.loading) body = <Loading label="Loading marked categories…" />;
  else if (!list) body = <ErrorState error={marks.error} onRetry={() => void marks.refetch()} />;
  else if (list.length === 0) {
    body = (
      <EmptyState title="No category marked yet">
        <p>Mark a category such as “Donations” and all its expenses count as deductible.</p>
      </EmptyState>
    );
  } else {
    body = (
      <ul className="tax-marks">
        {list.map((mark) => (
          <li key={mark.category.id}>
            <span>
              <strong>{mark.category.name}</strong> <span className="muted">→</span>{' '}
              <span className="tag">{mark.taxCategory}</span>
            </span>
            <button
              type="button"
              className="button-link danger"
              aria-label={`Unmark ${mark.category.name}`}
              onClick={async () => {
                try {
                  await setMark({ variables: { categoryId: mark.category.id, taxCategory: null } });
                  show({
                    kind: 'success',
                    message: `“${mark.category.name}” is no longer marked.`,
                  });
                } catch (failure) {
                  show({ kind: 'error', message: errorMessage(failure) });
                }
              }}
            >
              Unmark
            </button>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      {body}
      <form
        noValidate
        className="form"
        aria-label="Mark a category"
        onSubmit={async (event) => {
          event.preventDefault();
          const next: Record<string, string> = {};
          if (!categoryId) next.categoryId = 'Choose a category';
          if (!taxCategory.trim()) next.taxCategory = 'Choose or type a tax category';
          setProblems(next);
          if (Object.keys(next).length > 0) return;
          try {
            await setMark({ variables: { categoryId, taxCategory } });
            const name = categories.find((c) => c.id === categoryId)?.name ?? 'The category';
            show({ kind: 'success', message: `“${name}” counts as ${taxCategory.trim()}.` });
            setCategoryId('');
            setTaxCategory('');
          } catch (failure) {
            const byField = fieldErrors(failure);
            if (Object.keys(byField).length > 0) setProblems(byField);
            else show({ kind: 'error', message: errorMessage(failure) });
          }
        }}
      >
        <div className="grid-2">
          <div className={`field${problems.categoryId ? ' field-invalid' : ''}`}>
            <label htmlFor="tax-mark-category">Category</label>
            <select
              id="tax-mark-category"
              name="categoryId"
              value={categoryId}
              onChange={(event) => setCategoryId(event.target.value)}
            >
              <option value="">Choose…</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {problems.categoryId && <p className="field-error">{problems.categoryId}</p>}
          </div>
          <div>
            <TaxCategoryInput
              label="Tax category"
              name="taxCategory"
              value={taxCategory}
              onChange={setTaxCategory}
            />
            {problems.taxCategory && <p className="field-error">{problems.taxCategory}</p>}
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={loading}>
            Mark category
          </button>
        </div>
      </form>
    </>
  );
}
