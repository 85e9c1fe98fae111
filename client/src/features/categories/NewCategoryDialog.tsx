import { ConfirmDialog } from './ConfirmDialog';
import type { ConfirmNewCategory } from './useConfirmNewCategory';

/** The question of useConfirmNewCategory, while it is open. */
export function NewCategoryDialog({
  askingFor,
  answer,
}: Omit<ConfirmNewCategory, 'confirmNewCategory'>) {
  if (askingFor === null) return null;
  return (
    <ConfirmDialog
      title={`Create category “${askingFor}”?`}
      confirmLabel="Create category"
      onConfirm={() => answer(true)}
      onCancel={() => answer(false)}
    >
      <p>You have no category named “{askingFor}” yet. Create it, or go back and pick another.</p>
    </ConfirmDialog>
  );
}
