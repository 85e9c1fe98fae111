import { useState } from 'react';
import { RowActions } from '../../components/RowActions';
import { Money } from '../../components/Money';
import { rateToPercent } from './annual-rate';
import type { Debt } from './useDebts';
import './debts.css';

/** The debts with their terms; stacked into cards on a phone. */
export function DebtTable({
  debts,
  onEdit,
  onDelete,
}: {
  debts: Debt[];
  onEdit(debt: Debt): void;
  onDelete(debt: Debt): Promise<void>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <table className="table debt-table">
      <caption className="visually-hidden">Debts</caption>
      <thead>
        <tr>
          <th scope="col">Debt</th>
          <th scope="col" className="numeric">
            Balance
          </th>
          <th scope="col" className="numeric">
            Rate
          </th>
          <th scope="col" className="numeric">
            Minimum
          </th>
          <th scope="col" className="numeric">
            Interest this month
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {debts.map((debt) => (
          <tr key={debt.id}>
            <td data-label="Debt" className="description">
              <div>
                <span className="debt-name">{debt.name}</span>
                {debt.accountName && (
                  <span className="muted debt-source"> from account “{debt.accountName}”</span>
                )}
                {!debt.coversInterest && (
                  <div>
                    <span className="tag debt-warning">Minimum does not cover the interest</span>
                  </div>
                )}
              </div>
            </td>
            <td data-label="Balance" className="numeric">
              <Money amount={debt.balance} currency={debt.currency} />
            </td>
            <td data-label="Rate" className="numeric">
              {rateToPercent(debt.annualRate)} %
            </td>
            <td data-label="Minimum" className="numeric">
              <Money amount={debt.minimumPayment} currency={debt.currency} />
            </td>
            <td data-label="Interest this month" className="numeric">
              <Money amount={debt.monthlyInterest} currency={debt.currency} />
            </td>
            <RowActions
              name={debt.name}
              confirming={confirming === debt.id}
              onConfirmingChange={(on) => setConfirming(on ? debt.id : null)}
              onEdit={() => onEdit(debt)}
              onDelete={() => onDelete(debt)}
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
