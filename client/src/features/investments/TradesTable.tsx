import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { TradeForm, type InvestmentAccount, type Trade } from './TradeForm';
import { useDeleteTrade } from './usePortfolio';

/** Trades, newest first, each with its edit and delete. */
export function TradesTable({
  trades,
  accounts,
}: {
  trades: Trade[];
  accounts: InvestmentAccount[];
}) {
  const { show } = useFlash();
  const [remove] = useDeleteTrade();
  const [editing, setEditing] = useState<string | null>(null);
  const name = (id: string) => accounts.find((a) => a.id === id)?.name ?? '';
  return (
    <table className="table trades-table">
      <caption className="visually-hidden">Trades, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Trade</th>
          <th scope="col" className="numeric">
            Price
          </th>
          <th scope="col" className="numeric">
            Cash
          </th>
          <th scope="col" className="row-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {trades.map((trade) =>
          editing === trade.id ? (
            <tr key={trade.id} aria-current="true">
              <td colSpan={5}>
                <TradeForm accounts={accounts} trade={trade} onDone={() => setEditing(null)} />
              </td>
            </tr>
          ) : (
            <tr key={trade.id}>
              <td data-label="Day">{formatDate(trade.date)}</td>
              <td data-label="Trade">
                <span className="trade-what">
                  <span className={`tag side-${trade.side.toLowerCase()}`}>
                    {trade.side === 'BUY' ? 'Buy' : 'Sell'}
                  </span>{' '}
                  {trade.quantity} <strong>{trade.security.symbol}</strong>
                  {accounts.length > 1 && <span className="muted"> · {name(trade.accountId)}</span>}
                </span>
              </td>
              <td data-label="Price" className="numeric tabular">
                {trade.price}
              </td>
              <td data-label="Cash" className="numeric">
                <Money
                  amount={trade.side === 'BUY' ? `-${trade.amount}` : trade.amount}
                  currency={trade.security.currency}
                />
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="button-secondary button-small"
                  onClick={() => setEditing(trade.id)}
                  aria-label={`Edit ${trade.side.toLowerCase()} of ${trade.security.symbol} on ${trade.date}`}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="button-danger button-small"
                  aria-label={`Delete ${trade.side.toLowerCase()} of ${trade.security.symbol} on ${trade.date}`}
                  onClick={async () => {
                    try {
                      await remove({ variables: { id: trade.id } });
                      show({ kind: 'success', message: 'Trade deleted.' });
                    } catch (error) {
                      show({ kind: 'error', message: errorMessage(error) });
                    }
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
