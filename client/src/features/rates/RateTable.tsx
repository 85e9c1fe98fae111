import type { ExchangeRatesQuery } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';

type Rate = ExchangeRatesQuery['exchangeRates'][number];

const SOURCES: Record<string, string> = {
  MANUAL: 'Entered',
  ECB: 'ECB file',
  PROVIDER: 'Provider',
};

export function RateTable({ rates }: { rates: Rate[] }) {
  return (
    <table className="table rate-table">
      <caption className="visually-hidden">Exchange rates, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Pair</th>
          <th scope="col" className="numeric">
            Rate
          </th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {rates.map((rate) => (
          <tr key={`${rate.date}-${rate.from}-${rate.to}`}>
            <td data-label="Day">{formatDate(rate.date)}</td>
            <td data-label="Pair">
              {rate.from} → {rate.to}
            </td>
            <td data-label="Rate" className="numeric rate-value">
              {rate.rate}
            </td>
            <td data-label="Source">{SOURCES[rate.source] ?? rate.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
