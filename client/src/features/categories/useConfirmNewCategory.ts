import { useApolloClient } from '@apollo/client/react';
import { useCallback, useRef, useState } from 'react';
import { CategoryByNameDocument } from '../../graphql/graphql';

export interface ConfirmNewCategory {
  /**
   * Resolves true when the form may submit `name`: the ledger has a category of that name (or
   * had one under that name before a rename or a merge), or the user agreed to create it.
   * Resolves false when the user cancelled.
   */
  confirmNewCategory(name: string): Promise<boolean>;
  /** The name being asked about, while the question is open; render NewCategoryDialog then. */
  askingFor: string | null;
  /** The user's answer to the open question. */
  answer(create: boolean): void;
}

/**
 * Asks before a form creates a category by a name typed by mistake ("Fod" for "Food"). The
 * server decides whether a name is known, because old names of renamed or merged categories
 * resolve there and the client's list does not know them. When the server cannot answer, the
 * form submits and the server's own answer is shown: the question must never block a save.
 */
export function useConfirmNewCategory(): ConfirmNewCategory {
  const client = useApolloClient();
  const [askingFor, setAskingFor] = useState<string | null>(null);
  const pending = useRef<((create: boolean) => void) | null>(null);
  // Names the user already agreed to create: a save retried (after a missing exchange rate was
  // entered, say) does not ask again.
  const agreed = useRef(new Set<string>());
  const asked = useRef<string | null>(null);

  const answer = useCallback((create: boolean) => {
    if (create && asked.current !== null) agreed.current.add(asked.current.toLowerCase());
    pending.current?.(create);
    pending.current = null;
    asked.current = null;
    setAskingFor(null);
  }, []);

  const confirmNewCategory = useCallback(
    async (raw: string) => {
      const name = raw.trim();
      if (name === '' || agreed.current.has(name.toLowerCase())) return true;
      try {
        const { data } = await client.query({
          query: CategoryByNameDocument,
          variables: { name },
          fetchPolicy: 'network-only',
        });
        if (data?.categoryByName) return true;
      } catch {
        return true;
      }
      // A question still open (a second submit) is answered "no" before the new one.
      pending.current?.(false);
      return new Promise<boolean>((resolve) => {
        pending.current = resolve;
        asked.current = name;
        setAskingFor(name);
      });
    },
    [client],
  );

  return { confirmNewCategory, askingFor, answer };
}
