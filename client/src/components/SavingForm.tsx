import { useState, type ReactNode } from 'react';
import { errorMessage, fieldErrors } from '../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../lib/forms';

/**
 * A form that checks what was typed, then saves it: problems found before sending, or named by
 * the API's field errors, show beside their fields with focus on the first; any other failure
 * shows above the form. The fields are a render function, so that they can show the problems.
 */
export function SavingForm({
  label,
  className,
  submitLabel,
  check,
  save,
  actions,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  /** Added to the form's own `form` class. */
  className?: string;
  submitLabel: string;
  /** What is wrong with the values, by field name; nothing: they may be sent. */
  check(values: Record<string, string>): Problems;
  save(values: Record<string, string>, form: HTMLFormElement): Promise<void>;
  /** Beside the submit button (Cancel). */
  actions?: ReactNode;
  children(problems: Problems): ReactNode;
}) {
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  return (
    <form
      noValidate
      className={className ? `form ${className}` : 'form'}
      aria-label={label}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = check(values);
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          await save(values, form);
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            focusFirstProblem(form, byField);
          } else {
            setFailure(errorMessage(error));
          }
        } finally {
          setSaving(false);
        }
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {children(problems)}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {actions}
      </div>
    </form>
  );
}
