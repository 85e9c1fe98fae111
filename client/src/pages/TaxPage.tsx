import { useState } from 'react';
import { usePageTitle } from '../app/Layout';
import { useCurrentUser } from '../app/session';
import { CategoryMarks } from '../features/tax/CategoryMarks';
import { TaxSummaryView } from '../features/tax/TaxSummaryView';
import { TaxYearForm } from '../features/tax/TaxYearForm';
import '../features/tax/tax.css';

export function TaxPage() {
  usePageTitle('Tax');
  const { currency } = useCurrentUser();
  const [year, setYear] = useState(new Date().getFullYear());
  const years = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() + 1 - i);
  return (
    <section className="page">
      <div className="page-heading">
        <h1>Tax</h1>
      </div>
      <section className="card" aria-labelledby="tax-summary-heading">
        <div className="tax-year-picker">
          <h2 id="tax-summary-heading">Tax summary</h2>
          <div className="field">
            <label htmlFor="tax-year">Tax year starting in</label>
            <select
              id="tax-year"
              value={year}
              onChange={(event) => setYear(Number(event.target.value))}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <a className="button button-secondary" href={`/api/tax/${year}.zip`} download>
            Download archive (PDF and receipts)
          </a>
        </div>
        <TaxSummaryView year={year} currency={currency} />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="tax-categories-heading">
          <h2 id="tax-categories-heading">Deductible categories</h2>
          <CategoryMarks />
        </section>
        <section className="card" aria-labelledby="tax-year-heading">
          <h2 id="tax-year-heading">Tax year</h2>
          <TaxYearForm />
        </section>
      </div>
    </section>
  );
}
