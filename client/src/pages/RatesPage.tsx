import { useState } from 'react';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { RateForm } from '../features/rates/RateForm';
import { RateImport } from '../features/rates/RateImport';
import { RateTable } from '../features/rates/RateTable';
import { useExchangeRates } from '../features/rates/useRates';
import '../features/rates/rates.css';

const code = (text: string) => (/^[A-Za-z]{3}$/.test(text.trim()) ? text.trim().toUpperCase() : '');

export function RatesPage() {
  usePageTitle('Exchange rates');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { data, loading, error, refetch } = useExchangeRates({ from: code(from), to: code(to) });

  let list;
  if (!data && loading) list = <Loading label="Loading exchange rates…" />;
  else if (!data) list = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (data.exchangeRates.length === 0) {
    list = (
      <EmptyState title={from || to ? 'No rates for this pair' : 'No exchange rates yet'}>
        <p>Add a rate by hand or import the European Central Bank’s file.</p>
      </EmptyState>
    );
  } else list = <RateTable rates={data.exchangeRates} />;

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Exchange rates</h1>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="add-rate-heading">
          <h2 id="add-rate-heading">Add a rate</h2>
          <RateForm />
        </section>
        <section className="card" aria-labelledby="import-rates-heading">
          <h2 id="import-rates-heading">Import a file</h2>
          <RateImport />
        </section>
        <section className="card grid-span" aria-labelledby="rates-heading">
          <h2 id="rates-heading">Stored rates</h2>
          <div className="rate-filter" role="search" aria-label="Filter by pair">
            <div className="field">
              <label htmlFor="rate-filter-from">From</label>
              <input
                id="rate-filter-from"
                value={from}
                maxLength={3}
                placeholder="any"
                className="rate-code"
                onChange={(event) => setFrom(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="rate-filter-to">To</label>
              <input
                id="rate-filter-to"
                value={to}
                maxLength={3}
                placeholder="any"
                className="rate-code"
                onChange={(event) => setTo(event.target.value)}
              />
            </div>
          </div>
          {list}
        </section>
      </div>
    </section>
  );
}
