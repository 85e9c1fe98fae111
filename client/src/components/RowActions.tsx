import { type ReactNode } from 'react';

interface Props {
  /** The record's name, for the buttons' labels and the question. */
  name: string;
  /** Whether this row is asking "Delete …?" (one row at a time: the table holds which). */
  confirming: boolean;
  onConfirmingChange: (confirming: boolean) => void;
  onEdit: () => void;
  /** False keeps the question open (the delete failed and said why). */
  onDelete: () => Promise<boolean | void>;
  /** Buttons between Edit and Delete (Archive, Pause). */
  children?: ReactNode;
}

/** A table row's Edit / … / Delete buttons, with the delete confirmed in place. */
export function RowActions({
  name,
  confirming,
  onConfirmingChange,
  onEdit,
  onDelete,
  children,
}: Props) {
  return (
    <td className="row-actions">
      {confirming ? (
        <span className="confirm">
          <span>Delete “{name}”?</span>
          <button
            type="button"
            className="button-danger button-small"
            autoFocus
            onClick={async () => {
              if ((await onDelete()) !== false) onConfirmingChange(false);
            }}
          >
            Yes, delete
          </button>
          <button type="button" className="button-link" onClick={() => onConfirmingChange(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className="button-link"
            aria-label={`Edit ${name}`}
            onClick={onEdit}
          >
            Edit
          </button>
          {children}
          <button
            type="button"
            className="button-link danger"
            aria-label={`Delete ${name}`}
            onClick={() => onConfirmingChange(true)}
          >
            Delete
          </button>
        </>
      )}
    </td>
  );
}
