import { useMutation, useQuery } from '@apollo/client/react';
import {
  CreateAccountDebtDocument,
  CreateDebtDocument,
  DebtsDocument,
  DeleteDebtDocument,
  PayoffPlansDocument,
  UpdateAccountDebtDocument,
  UpdateDebtDocument,
  type AccountDebtInput,
  type DebtInput,
  type DebtsQuery,
  type PayoffPlansQuery,
} from '../../graphql/graphql';

export type Debt = DebtsQuery['debts'][number];
export type Plan = PayoffPlansQuery['snowball'];

/** What a debt form saves: by hand, or following a loan or card account. */
export type DebtSave =
  { kind: 'manual'; input: DebtInput } | { kind: 'account'; input: AccountDebtInput };

// Every change to a debt changes both plans.
const REFETCH = { refetchQueries: ['Debts', 'PayoffPlans'] };

export function useDebts() {
  return useQuery(DebtsDocument);
}

/**
 * Both strategies for the same extra amount, side by side. A plan for an amount seen before may
 * predate a change to the debts (only the plan on screen is refetched then): shown, and asked again.
 */
export function usePayoffPlans(extra: string) {
  return useQuery(PayoffPlansDocument, {
    variables: { extra },
    fetchPolicy: 'cache-and-network',
  });
}

export function useSaveDebt(): (save: DebtSave, id?: string) => Promise<Debt> {
  const [create] = useMutation(CreateDebtDocument, REFETCH);
  const [update] = useMutation(UpdateDebtDocument, REFETCH);
  const [createFromAccount] = useMutation(CreateAccountDebtDocument, REFETCH);
  const [updateFromAccount] = useMutation(UpdateAccountDebtDocument, REFETCH);
  return async (save, id) => {
    if (save.kind === 'manual') {
      if (id) return (await update({ variables: { id, input: save.input } })).data!.updateDebt;
      return (await create({ variables: { input: save.input } })).data!.createDebt;
    }
    if (id) {
      return (await updateFromAccount({ variables: { id, input: save.input } })).data!
        .updateAccountDebt;
    }
    return (await createFromAccount({ variables: { input: save.input } })).data!.createAccountDebt;
  };
}

export function useDeleteDebt(): (debt: Debt) => Promise<void> {
  const [remove] = useMutation(DeleteDebtDocument, REFETCH);
  return async (debt) => {
    await remove({ variables: { id: debt.id } });
  };
}
