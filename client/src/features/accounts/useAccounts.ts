import { useMutation, useQuery } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import {
  AccountsDocument,
  ArchiveAccountDocument,
  CreateAccountDocument,
  DeleteAccountDocument,
  UpdateAccountDocument,
  type AccountInput,
  type AccountsQuery,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { forgetLedger } from './cache';

export type Account = AccountsQuery['accounts'][number];

/** The ledger's accounts, open ones first (the server's order). */
export function useAccounts() {
  return useQuery(AccountsDocument);
}

/** Saving an account: a new one when `id` is absent. Errors reach the form, per field. */
export function useSaveAccount(): (input: AccountInput, id?: string) => Promise<Account> {
  const [create] = useMutation(CreateAccountDocument, { update: forgetLedger });
  const [update] = useMutation(UpdateAccountDocument, { update: forgetLedger });
  return async (input, id) => {
    if (id) {
      const { data } = await update({ variables: { id, input } });
      return data!.updateAccount;
    }
    const { data } = await create({ variables: { input } });
    return data!.createAccount;
  };
}

/** Archiving, unarchiving and deleting, each answered with a flash message. */
export function useAccountActions() {
  const { show } = useFlash();
  const [archive] = useMutation(ArchiveAccountDocument, { update: forgetLedger });
  const [remove] = useMutation(DeleteAccountDocument, { update: forgetLedger });
  return {
    async setArchived(account: Account, archived: boolean): Promise<void> {
      try {
        await archive({ variables: { id: account.id, archived } });
        show({
          kind: 'success',
          message: `${archived ? 'Archived' : 'Reopened'} “${account.name}”.`,
        });
      } catch (error) {
        show({ kind: 'error', message: errorMessage(error) });
      }
    },
    /** The server refuses an account that has transactions; its sentence is shown as it is. */
    async remove(account: Account): Promise<boolean> {
      try {
        await remove({ variables: { id: account.id } });
        show({ kind: 'success', message: `Deleted “${account.name}”.` });
        return true;
      } catch (error) {
        show({ kind: 'error', message: errorMessage(error) });
        return false;
      }
    },
  };
}
