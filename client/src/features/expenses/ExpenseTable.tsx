import { Link } from 'react-router';
import { useCurrency } from '../../app/session';
import { Money } from '../../components/Money';
import type { ExpensesQuery } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import './expenses.css';

type Expense = ExpensesQuery['expenses']['nodes'][number];

/**
 * Expenses as a table (two-line rows on narrow screens); user text is rendered as text. A long
 * description is cut with an ellipsis and shown whole in its title. An amount in another currency
 * than the reporting one is shown as written, with its reporting value under it.
 */
export function ExpenseTable({
  expenses,
  caption,
  onDelete,
  editSearch = '',
}: {
  expenses: Expense[];
  caption: string;
  onDelete?: (expense: Expense) => void;
  /** The list's filters ("?month=…"), carried to the edit page and back. */
  editSearch?: string;
}) {
  const reportingCurrency = useCurrency();
  return (
    <table className="table expense-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Description</th>
          <th scope="col">Category</th>
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
        {expenses.map((expense) => (
          <tr key={expense.id}>
            <td data-label="Date" className="date">
              <time dateTime={expense.date}>{formatDate(expense.date)}</time>
            </td>
            <td data-label="Description" className="description" title={expense.description}>
              {expense.description}
            </td>
            <td data-label="Category" className="category">
              <span className="tag">{expense.category.name}</span>
            </td>
            <td data-label="Amount" className="numeric">
              <Money amount={expense.amount} currency={expense.currency} />
              {expense.currency !== reportingCurrency && (
                <span className="money-reporting">
                  <span className="visually-hidden">booked as </span>
                  <Money amount={expense.reportingAmount} currency={reportingCurrency} />
                </span>
              )}
            </td>
            {onDelete && (
              <td className="row-actions">
                <Link
                  to={`/expenses/${expense.id}/edit${editSearch}`}
                  className="button-link"
                  aria-label={`Edit ${expense.description}`}
                >
                  Edit
                </Link>
                <button
                  type="button"
                  className="button-link danger"
                  aria-label={`Delete ${expense.description}`}
                  onClick={() => onDelete(expense)}
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
