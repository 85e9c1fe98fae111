import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useFlash } from '../../app/flash';
import { MergeCategoryDocument } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { refetchAfterCategoryChange as refetch } from './category-cache';
import { ConfirmDialog } from './ConfirmDialog';
import { transactions, type Usage } from './usage';

export /** Choose where a category goes, then confirm with how many transactions move. */
function MergePanel({ from, usage, onDone }: { from: Usage; usage: Usage[]; onDone(): void }) {
  const { show } = useFlash();
  const selectId = useId();
  const others = usage.filter((u) => u.category.id !== from.category.id);
  const [intoId, setIntoId] = useState(others[0]?.category.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const [merge, { loading }] = useMutation(MergeCategoryDocument, refetch);
  const select = useRef<HTMLSelectElement>(null);
  // The panel opens above the table, maybe far from the row's button: bring it into view.
  useEffect(() => select.current?.focus(), [from.category.id]);
  const into = others.find((u) => u.category.id === intoId);
  const count = from.transactionCount;

  async function run() {
    if (!into) return;
    try {
      await merge({ variables: { id: from.category.id, intoId: into.category.id } });
      show({
        kind: 'success',
        message: `Merged “${from.category.name}” into “${into.category.name}”: ${transactions(count)} moved.`,
      });
      onDone();
    } catch (error) {
      setConfirming(false);
      show({ kind: 'error', message: errorMessage(error) });
    }
  }

  return (
    <section className="merge-panel" aria-labelledby={`${selectId}-heading`}>
      <h3 id={`${selectId}-heading`}>{`Merge “${from.category.name}”`}</h3>
      <form
        className="form-actions"
        onSubmit={(event) => {
          event.preventDefault();
          if (into) setConfirming(true);
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>Into</label>
          <select
            ref={select}
            id={selectId}
            value={intoId}
            onChange={(e) => setIntoId(e.target.value)}
          >
            {others.map((u) => (
              <option key={u.category.id} value={u.category.id}>
                {u.category.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={!into}>
          Merge…
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </form>
      {confirming && into && (
        <ConfirmDialog
          title={`Merge “${from.category.name}” into “${into.category.name}”?`}
          confirmLabel={`Move ${transactions(count)} and merge`}
          danger
          busy={loading}
          onConfirm={() => void run()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {`${transactions(count)} move from “${from.category.name}” to “${into.category.name}”, `}
            and its budget targets join those of “{into.category.name}”. Then “{from.category.name}”
            is deleted; scripts that write its name keep working.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
