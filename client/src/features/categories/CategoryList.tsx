import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import {
  CategoryUsageDocument,
  DeleteCategoryDocument,
  HideCategoryDocument,
  RenameCategoryDocument,
} from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { refetchAfterCategoryChange as refetch } from './category-cache';
import { MergePanel } from './MergePanel';
import { transactions, type Usage } from './usage';
import './categories.css';

/** The ledger's categories with their use: rename inline, merge, hide and unhide, delete. */
export function CategoryList() {
  const { data, loading, error, refetch: reload } = useQuery(CategoryUsageDocument);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [merging, setMerging] = useState<Usage | null>(null);
  if (loading && !data) return <Loading label="Loading your categories…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void reload()} />;
  const usage = data?.categoryUsage ?? [];
  if (usage.length === 0) {
    return (
      <EmptyState title="No categories yet">
        <p>Categories are made when you add an expense.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {merging && <MergePanel from={merging} usage={usage} onDone={() => setMerging(null)} />}
      <table className="table category-table">
        <caption className="visually-hidden">Your categories</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {usage.map((u) => (
            <CategoryRow
              key={u.category.id}
              usage={u}
              renaming={renaming === u.category.id}
              onRename={(on) => setRenaming(on ? u.category.id : null)}
              onMerge={() => setMerging(u)}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function CategoryRow({
  usage,
  renaming,
  onRename,
  onMerge,
}: {
  usage: Usage;
  renaming: boolean;
  onRename(on: boolean): void;
  onMerge(): void;
}) {
  const { category, transactionCount, lastUsedMonth } = usage;
  const { show } = useFlash();
  const [hide, hiding] = useMutation(HideCategoryDocument, refetch);
  const [remove, removing] = useMutation(DeleteCategoryDocument, refetch);

  async function toggleHidden() {
    try {
      await hide({ variables: { id: category.id, hidden: !category.hidden } });
      show({
        kind: 'success',
        message: category.hidden
          ? `“${category.name}” shows in pickers again.`
          : `“${category.name}” is hidden from pickers. Writing to it by name still works.`,
      });
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
    }
  }

  async function deleteCategory() {
    try {
      await remove({ variables: { id: category.id } });
      show({ kind: 'success', message: `Deleted “${category.name}”.` });
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
    }
  }

  return (
    <tr>
      <td data-label="Name" className="category-name">
        {renaming ? (
          <RenameForm id={category.id} name={category.name} onDone={() => onRename(false)} />
        ) : (
          <span>
            {category.name}
            {category.hidden && <span className="tag">Hidden</span>}
          </span>
        )}
      </td>
      <td data-label="Used">
        {transactionCount === 0
          ? 'Unused'
          : `${transactions(transactionCount)}${lastUsedMonth ? `, last in ${formatMonth(lastUsedMonth, undefined, 'short')}` : ''}`}
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="button-link"
          aria-label={`Rename ${category.name}`}
          onClick={() => onRename(true)}
          disabled={renaming}
        >
          Rename
        </button>
        <button
          type="button"
          className="button-link"
          aria-label={`Merge ${category.name} into another category`}
          onClick={onMerge}
        >
          Merge
        </button>
        <button
          type="button"
          className="button-link"
          aria-label={`${category.hidden ? 'Unhide' : 'Hide'} ${category.name}`}
          onClick={() => void toggleHidden()}
          disabled={hiding.loading}
        >
          {category.hidden ? 'Unhide' : 'Hide'}
        </button>
        <button
          type="button"
          className="button-link danger"
          aria-label={`Delete ${category.name}`}
          onClick={() => void deleteCategory()}
          disabled={removing.loading}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

function RenameForm({ id, name, onDone }: { id: string; name: string; onDone(): void }) {
  const { show } = useFlash();
  const inputId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [rename, { loading }] = useMutation(RenameCategoryDocument, refetch);
  return (
    <form
      className="rename-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const value = String(new FormData(event.currentTarget).get('name') ?? '').trim();
        if (value === '') {
          setProblem('Enter a name');
          return;
        }
        try {
          await rename({ variables: { id, name: value } });
          show({
            kind: 'success',
            message: `Renamed “${name}” to “${value}”. Scripts may keep using the old name.`,
          });
          onDone();
        } catch (error) {
          setProblem(errorMessage(error));
        }
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <label className="visually-hidden" htmlFor={inputId}>
        {`New name for ${name}`}
      </label>
      <input
        id={inputId}
        name="name"
        defaultValue={name}
        maxLength={50}
        autoFocus
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${inputId}-error` : undefined}
      />
      <button type="submit" className="button-small" disabled={loading}>
        Save
      </button>
      <button type="button" className="button-secondary button-small" onClick={onDone}>
        Cancel
      </button>
      {problem && (
        <p className="field-error" id={`${inputId}-error`} role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
