import { Link } from 'react-router';
import { Money } from '../../components/Money';
import type { TransactionKind } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import { TransactionTaxMark } from '../tax/TransactionTaxMark';
import type { Transaction } from './useTransactions';
import './transactions.css';

export const KIND_LABELS: Record<TransactionKind, string> = {
  EXPENSE: 'Expense',
  INCOME: 'Income',
  TRANSFER: 'Transfer',
};

/** Expenses have their own form (category, receipts to come); income and transfers share one page. */
export function editPath(transaction: Transaction): string {
  return transaction.kind === 'EXPENSE'
    ? `/expenses/${transaction.id}/edit`
    : `/transactions/${transaction.id}/edit`;
}

function Amount({ transaction }: { transaction: Transaction }) {
  const { kind, amount, currency, toAmount, toAccount } = transaction;
  // Spending reads as money out, so it is signed and styled as such; transfers are neither.
  const signed = kind === 'EXPENSE' ? `-${amount}` : amount;
  return (
    <>
      <Money amount={signed} currency={currency} />
      {kind === 'TRANSFER' && toAccount && toAmount && toAccount.currency !== currency && (
        <>
          {' → '}
          <Money amount={toAmount} currency={toAccount.currency} />
        </>
      )}
    </>
  );
}

/** Transactions of every account, as a table (stacked into cards on narrow screens). */
export function TransactionTable({
  transactions,
  caption,
  onDelete,
}: {
  transactions: Transaction[];
  caption: string;
  onDelete?: (transaction: Transaction) => void;
}) {
  return (
    <table className="table transaction-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Description</th>
          <th scope="col">Account</th>
          <th scope="col">Kind</th>
          <th scope="col" className="numeric">
            Amount
          </th>
          {onDelete && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {transactions.map((transaction) => (
          <tr key={transaction.id}>
            <td data-label="Date">
              <time dateTime={transaction.date}>{formatDate(transaction.date)}</time>
            </td>
            <td data-label="Description" className="description">
              {transaction.description}
            </td>
            <td data-label="Account">
              {transaction.account.name}
              {transaction.toAccount && ` → ${transaction.toAccount.name}`}
            </td>
            <td data-label="Kind">
              {/* One block, so that the phone layout keeps it beside its label. */}
              <div className="kind-cell">
                <span className={`tag tag-${transaction.kind.toLowerCase()}`}>
                  {KIND_LABELS[transaction.kind]}
                </span>
                {transaction.category && (
                  <span className="muted"> · {transaction.category.name}</span>
                )}
                {transaction.taxCategory && (
                  <span className="muted"> · deductible: {transaction.taxCategory}</span>
                )}
                {onDelete && transaction.kind === 'EXPENSE' && (
                  <div>
                    <TransactionTaxMark
                      key={transaction.ownTaxCategory ?? ''}
                      transaction={transaction}
                    />
                  </div>
                )}
              </div>
            </td>
            <td data-label="Amount" className="numeric">
              <Amount transaction={transaction} />
            </td>
            {onDelete && (
              <td className="row-actions">
                <Link
                  to={editPath(transaction)}
                  className="button-link"
                  aria-label={`Edit ${transaction.description}`}
                >
                  Edit
                </Link>
                <button
                  type="button"
                  className="button-link danger"
                  aria-label={`Delete ${transaction.description}`}
                  onClick={() => onDelete(transaction)}
                >
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
