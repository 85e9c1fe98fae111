import { useMutation } from '@apollo/client/react';
import { useFlash, type Flash } from '../../app/flash';
import { CreateCategoryRuleDocument } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { refetchRules } from './rule-cache';

/**
 * The text a rule for this payee should look for: the payee (else the description) without
 * the card, order and reference numbers that change from one payment to the next, so that
 * "TESCO STORE 1234" becomes "TESCO STORE" and matches the next visit too. Empty when nothing
 * is left.
 */
export function rememberMatch(payee: string | null | undefined, description: string): string {
  const clean = (text: string) =>
    text
      .replace(/[#*]?\p{N}[\p{N}\-/.:]*/gu, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
      .slice(0, 100);
  const fromPayee = payee ? clean(payee) : '';
  return fromPayee || clean(description);
}

interface Written {
  category: string | null;
  description: string;
  payee?: string | null;
}

/**
 * After an edit that moves a payee's transaction to another category: "Always put <payee> in
 * <category>?" with an action that saves it as a category rule, for the save's flash message.
 */
export function useRememberCategory(): (
  before: Written,
  after: Written,
) => { question: string; action: NonNullable<Flash['action']> } | null {
  const { show } = useFlash();
  const [create] = useMutation(CreateCategoryRuleDocument, refetchRules);
  return (before, after) => {
    if (!after.category || after.category === before.category) return null;
    const match = rememberMatch(after.payee, after.description);
    if (!match) return null;
    const category = after.category;
    return {
      question: `Always put “${match}” in ${category}?`,
      action: {
        label: 'Remember',
        run: () => {
          create({ variables: { input: { match, category } } }).then(
            () =>
              show({
                kind: 'success',
                message: `Saved: transactions with “${match}” and no category go to ${category}.`,
              }),
            (error: unknown) => show({ kind: 'error', message: errorMessage(error) }),
          );
        },
      },
    };
  };
}
