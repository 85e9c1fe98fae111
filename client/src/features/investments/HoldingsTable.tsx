import { Money } from '../../components/Money';
import type { PortfolioQuery } from '../../graphql/graphql';
import { assetClassLabel, formatReturn } from './format';

type Holding = PortfolioQuery['portfolio']['holdings'][number];

/** What is held on the period's last day, at its value then; money in the portfolio's currency. */
export function HoldingsTable({ holdings, currency }: { holdings: Holding[]; currency: string }) {
  return (
    <table className="table holdings-table">
      <caption className="visually-hidden">Holdings, largest first</caption>
      <thead>
        <tr>
          <th scope="col">Security</th>
          <th scope="col" className="numeric">
            Quantity
          </th>
          <th scope="col" className="numeric">
            Price
          </th>
          <th scope="col" className="numeric">
            Cost
          </th>
          <th scope="col" className="numeric">
            Value
          </th>
          <th scope="col" className="numeric">
            Gain
          </th>
          <th scope="col" className="numeric">
            Return
          </th>
        </tr>
      </thead>
      <tbody>
        {holdings.map((h) => (
          <tr key={`${h.accountId}-${h.security.id}`}>
            <td data-label="Security">
              <span className="holding-security">
                <strong>{h.security.symbol}</strong>
                {h.security.name !== h.security.symbol && (
                  <span className="muted holding-name"> {h.security.name}</span>
                )}
                <span className="tag holding-class">{assetClassLabel(h.security.assetClass)}</span>
              </span>
            </td>
            <td data-label="Quantity" className="numeric tabular">
              {h.quantity}
            </td>
            <td data-label="Price" className="numeric tabular">
              {h.price ?? '—'}
            </td>
            <td data-label="Cost" className="numeric">
              <Money amount={h.costBasis} currency={currency} />
            </td>
            <td data-label="Value" className="numeric">
              {h.marketValue ? <Money amount={h.marketValue} currency={currency} /> : '—'}
            </td>
            <td data-label="Gain" className="numeric">
              <span className="holding-gain">
                {h.unrealizedGain ? <Money amount={h.unrealizedGain} currency={currency} /> : '—'}
                {!/^-?0(\.0+)?$/.test(h.realizedGain) && (
                  <span className="muted holding-realized">
                    {' '}
                    realised <Money amount={h.realizedGain} currency={currency} />
                  </span>
                )}
              </span>
            </td>
            <td data-label="Return" className="numeric tabular">
              <span title="Time-weighted">{formatReturn(h.timeWeightedReturn)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
