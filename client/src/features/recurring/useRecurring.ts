import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import {
  ConfirmRecurringOccurrenceDocument,
  CreateRecurringRuleDocument,
  DeleteRecurringRuleDocument,
  RecurringRulesDocument,
  SetRecurringRulePausedDocument,
  SkipRecurringOccurrenceDocument,
  UpcomingBillsDocument,
  UpdateRecurringRuleDocument,
  type RecurringRuleInput,
  type RecurringRulesQuery,
  type UpcomingBillsQuery,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { forgetLedger } from '../accounts/cache';

export type RecurringRule = RecurringRulesQuery['recurringRules'][number];
export type UpcomingBill = UpcomingBillsQuery['upcomingBills'][number];

/** How far ahead the bills reach, as the issue asks: the next 30 days. */
export const BILL_DAYS = 30;

/**
 * A rule's change can post transactions (AUTO dates up to today, a confirmed payment) and moves
 * its bills and the monthly cost: the ledger's figures and the rule lists are fetched afresh.
 */
function forgetRecurring(cache: ApolloCache): void {
  for (const fieldName of ['recurringRules', 'upcomingBills', 'recurringMonthlyCost']) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  forgetLedger(cache);
}

export function useRecurringRules() {
  return useQuery(RecurringRulesDocument);
}

export function useUpcomingBills() {
  return useQuery(UpcomingBillsDocument, { variables: { days: BILL_DAYS } });
}

/** Saving a rule: a new one when `id` is absent. Errors reach the form, per field. */
export function useSaveRule(): (input: RecurringRuleInput, id?: string) => Promise<RecurringRule> {
  const [create] = useMutation(CreateRecurringRuleDocument, { update: forgetRecurring });
  const [update] = useMutation(UpdateRecurringRuleDocument, { update: forgetRecurring });
  return async (input, id) => {
    if (id) {
      const { data } = await update({ variables: { id, input } });
      return data!.updateRecurringRule;
    }
    const { data } = await create({ variables: { input } });
    return data!.createRecurringRule;
  };
}

/** Pausing, resuming, deleting, confirming and skipping, each answered with a flash message. */
export function useRuleActions() {
  const { show } = useFlash();
  const [pause] = useMutation(SetRecurringRulePausedDocument, { update: forgetRecurring });
  const [remove] = useMutation(DeleteRecurringRuleDocument, { update: forgetRecurring });
  const [confirm] = useMutation(ConfirmRecurringOccurrenceDocument, { update: forgetRecurring });
  const [skip] = useMutation(SkipRecurringOccurrenceDocument, { update: forgetRecurring });
  const attempt = async (run: () => Promise<unknown>, message: string): Promise<boolean> => {
    try {
      await run();
      show({ kind: 'success', message });
      return true;
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
      return false;
    }
  };
  return {
    setPaused: (rule: { id: string; name: string }, paused: boolean) =>
      attempt(
        () => pause({ variables: { id: rule.id, paused } }),
        paused
          ? `Paused “${rule.name}”: nothing is posted until you resume it.`
          : `Resumed “${rule.name}”.`,
      ),
    remove: (rule: { id: string; name: string }) =>
      attempt(
        () => remove({ variables: { id: rule.id } }),
        `Deleted “${rule.name}”. The transactions it posted stay.`,
      ),
    confirm: (rule: { id: string; name: string }, date: string) =>
      attempt(
        () => confirm({ variables: { ruleId: rule.id, date } }),
        `Recorded “${rule.name}” as paid.`,
      ),
    skip: (rule: { id: string; name: string }, date: string) =>
      attempt(
        () => skip({ variables: { ruleId: rule.id, date } }),
        `Skipped “${rule.name}” this time.`,
      ),
  };
}
