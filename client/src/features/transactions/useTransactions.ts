import { useMutation } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import {
  AddIncomeDocument,
  AddTransferDocument,
  DeleteTransactionDocument,
  UpdateTransactionDocument,
  type IncomeInput,
  type TransactionInput,
  type TransactionsQuery,
  type TransferInput,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { forgetLedger } from '../accounts/cache';

export type Transaction = TransactionsQuery['transactions']['nodes'][number];

export function useAddIncome(): (input: IncomeInput) => Promise<void> {
  const [add] = useMutation(AddIncomeDocument, { update: forgetLedger });
  return async (input) => {
    await add({ variables: { input } });
  };
}

export function useAddTransfer(): (input: TransferInput) => Promise<void> {
  const [add] = useMutation(AddTransferDocument, { update: forgetLedger });
  return async (input) => {
    await add({ variables: { input } });
  };
}

export function useUpdateTransaction(): (id: string, input: TransactionInput) => Promise<void> {
  const [update] = useMutation(UpdateTransactionDocument, { update: forgetLedger });
  return async (id, input) => {
    await update({ variables: { id, input } });
  };
}

/** Deletes and says so; a refusal is shown with the server's sentence. */
export function useDeleteTransaction(): (transaction: Transaction) => Promise<boolean> {
  const { show } = useFlash();
  const [remove] = useMutation(DeleteTransactionDocument, { update: forgetLedger });
  return async (transaction) => {
    try {
      await remove({ variables: { id: transaction.id } });
      show({ kind: 'success', message: `Deleted “${transaction.description}”.`, carry: true });
      return true;
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
      return false;
    }
  };
}
