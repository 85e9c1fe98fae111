import { type ReactNode } from 'react';
import { useFlash } from '../app/flash';

/** What a list page's form shows: nothing, a new record, or the record being edited. */
export type Editing<T> = T | 'new' | null;

interface Named {
  id: string;
  name: string;
}

/** What the page gives its form: the record (none when adding) and how to finish. */
export interface FormSlot<T> {
  /** Remounts the form when another record is edited. */
  key: string;
  record: T | undefined;
  /** The record's id when editing, for the save mutation. */
  id: string | undefined;
  submitLabel: string;
  /** Call with what the save returned: flashes "Added"/"Saved" and closes the form. */
  saved: (record: { name: string }) => void;
  /** The Cancel button, for the form's actions row. */
  cancel: ReactNode;
}

interface Props<T extends Named> {
  title: string;
  /** "account", "debt", "rule": the button says "Add debt", the form "New debt". */
  noun: string;
  /** The form heading when adding, where "New <noun>" is too short. */
  newTitle?: string;
  /** Prefix of the form heading's id (for aria-labelledby). */
  idPrefix: string;
  editing: Editing<T>;
  onEditingChange: (editing: Editing<T>) => void;
  /** False for a viewer of a shared ledger: no Add button. */
  canAdd?: boolean;
  form: (slot: FormSlot<T>) => ReactNode;
  children: ReactNode;
}

/**
 * The frame every "list with add and edit" page shares: the heading with its Add button, and
 * the form card above the list for a new record or the one being edited.
 */
export function EditablePage<T extends Named>({
  title,
  noun,
  newTitle,
  idPrefix,
  editing,
  onEditingChange,
  canAdd = true,
  form,
  children,
}: Props<T>) {
  const { show } = useFlash();
  const headingId = `${idPrefix}-form-heading`;
  const adding = editing === 'new';
  return (
    <section className="page">
      <div className="page-heading">
        <h1>{title}</h1>
        {editing == null && canAdd && (
          <button type="button" onClick={() => onEditingChange('new')}>
            Add {noun}
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby={headingId}>
          <h2 id={headingId}>{adding ? (newTitle ?? `New ${noun}`) : `Edit “${editing.name}”`}</h2>
          {form({
            key: adding ? 'new' : editing.id,
            record: adding ? undefined : editing,
            id: adding ? undefined : editing.id,
            submitLabel: adding ? `Add ${noun}` : 'Save changes',
            saved: (record) => {
              show({
                kind: 'success',
                message: `${adding ? 'Added' : 'Saved'} “${record.name}”.`,
              });
              onEditingChange(null);
            },
            cancel: (
              <button type="button" className="button-link" onClick={() => onEditingChange(null)}>
                Cancel
              </button>
            ),
          })}
        </section>
      )}
      {children}
    </section>
  );
}
