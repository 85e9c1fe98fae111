import { useMutation } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import {
  AddExpenseDocument,
  DeleteExpenseDocument,
  type ExpensesQuery,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { forgetTotals } from './cache';

type Expense = ExpensesQuery['expenses']['nodes'][number];

/**
 * Deletes at once and offers to undo: the undo adds the same expense back (with a new id), so
 * nothing is held back from the server while the message is on screen.
 */
export function useDeleteExpense(): (expense: Expense) => Promise<boolean> {
  const { show } = useFlash();
  const [remove] = useMutation(DeleteExpenseDocument, { update: forgetTotals });
  const [add] = useMutation(AddExpenseDocument, { update: forgetTotals });
  return async (expense) => {
    try {
      await remove({ variables: { id: expense.id } });
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
      return false;
    }
    show({
      kind: 'success',
      message: `Deleted “${expense.description}”.`,
      // The edit page moves on to the list after deleting; the undo goes along.
      carry: true,
      action: {
        label: 'Undo',
        run: () => {
          add({
            variables: {
              input: {
                description: expense.description,
                amount: expense.amount,
                category: expense.category.name,
                date: expense.date,
              },
            },
          }).then(
            () => show({ kind: 'success', message: `Restored “${expense.description}”.` }),
            (error: unknown) => show({ kind: 'error', message: errorMessage(error) }),
          );
        },
      },
    });
    return true;
  };
}
