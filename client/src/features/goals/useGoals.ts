import { useMutation, useQuery } from '@apollo/client/react';
import {
  ContributeToGoalDocument,
  CreateGoalDocument,
  DeleteGoalContributionDocument,
  DeleteGoalDocument,
  GoalsDocument,
  UpdateGoalContributionDocument,
  UpdateGoalDocument,
  type GoalInput,
  type GoalsQuery,
} from '../../graphql/graphql';

export type Goal = GoalsQuery['goals'][number];
export type Contribution = Goal['contributions'][number];

export interface ContributionValues {
  amount: string;
  date: string;
  note: string | null;
}

// A contribution may cross a milestone, which the bell should show without waiting for its poll.
const AFTER_CONTRIBUTION = ['UnreadNotificationCount'];

export function useGoals() {
  return useQuery(GoalsDocument);
}

/** Saving a goal: a new one when `id` is absent. Errors reach the form, per field. */
export function useSaveGoal(): (input: GoalInput, id?: string) => Promise<Goal> {
  const [create] = useMutation(CreateGoalDocument, {
    refetchQueries: ['Goals', ...AFTER_CONTRIBUTION],
  });
  const [update] = useMutation(UpdateGoalDocument, { refetchQueries: AFTER_CONTRIBUTION });
  return async (input, id) => {
    if (id) return (await update({ variables: { id, input } })).data!.updateGoal;
    return (await create({ variables: { input } })).data!.createGoal;
  };
}

export function useDeleteGoal(): (goal: Goal) => Promise<void> {
  const [remove] = useMutation(DeleteGoalDocument, { refetchQueries: ['Goals'] });
  return async (goal) => {
    await remove({ variables: { id: goal.id } });
  };
}

/** Adding, changing and removing contributions; each answers the goal as it now stands. */
export function useContributions() {
  const options = { refetchQueries: AFTER_CONTRIBUTION };
  const [add] = useMutation(ContributeToGoalDocument, options);
  const [change] = useMutation(UpdateGoalContributionDocument, options);
  const [remove] = useMutation(DeleteGoalContributionDocument, options);
  return {
    add: async (goal: Goal, values: ContributionValues) =>
      (await add({ variables: { id: goal.id, ...values } })).data!.contributeToGoal,
    change: async (contribution: Contribution, values: ContributionValues) =>
      (await change({ variables: { id: contribution.id, ...values } })).data!
        .updateGoalContribution,
    remove: async (contribution: Contribution) =>
      (await remove({ variables: { id: contribution.id } })).data!.deleteGoalContribution,
  };
}
