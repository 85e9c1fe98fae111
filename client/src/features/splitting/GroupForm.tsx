import { useState } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import type { GroupInput } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { CurrencySelect } from '../settings/CurrencySelect';
import { fieldPaths } from './useSplitting';
import './splitting.css';

interface MemberRow {
  key: number;
  name: string;
  email: string;
  iban: string;
}

/** A new group: its name, currency and members (name, and optionally email and IBAN). */
export function GroupForm({
  onSave,
  onCancel,
}: {
  onSave(input: GroupInput): Promise<void>;
  onCancel(): void;
}) {
  const reporting = useCurrency();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<MemberRow[]>([
    { key: 1, name: '', email: '', iban: '' },
    { key: 2, name: '', email: '', iban: '' },
  ]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (key: number, field: keyof MemberRow, value: string) =>
    setMembers((list) => list.map((m) => (m.key === key ? { ...m, [field]: value } : m)));

  return (
    <form
      noValidate
      className="form"
      aria-label="New group"
      onSubmit={async (event) => {
        event.preventDefault();
        const currency = new FormData(event.currentTarget).get('currency') as string;
        const found: Record<string, string> = {};
        if (!name.trim()) found.name = 'Name the group';
        const filled = members.filter((m) => m.name.trim() || m.email.trim() || m.iban.trim());
        if (filled.length === 0) found.members = 'Add at least one member';
        filled.forEach((m, i) => {
          if (!m.name.trim()) found[`members.${i}.name`] = 'Name the member';
        });
        setProblems(found);
        setFailure(null);
        if (Object.keys(found).length > 0) return;
        setSaving(true);
        try {
          await onSave({
            name: name.trim(),
            currency,
            members: filled.map((m) => ({
              name: m.name.trim(),
              email: m.email.trim() || null,
              iban: m.iban.trim() || null,
            })),
          });
        } catch (error) {
          const byField = fieldPaths(error);
          if (Object.keys(byField).length > 0) setProblems(byField);
          else setFailure(errorMessage(error));
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
      <div className="form-row">
        <Field
          label="Group name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          autoComplete="off"
          error={problems.name}
        />
        <CurrencySelect name="currency" defaultValue={reporting} error={problems.currency} />
      </div>
      <fieldset className="split-members">
        <legend>Members</legend>
        {problems.members && <p className="field-error">{problems.members}</p>}
        {members.map((m, i) => (
          <div className="split-member-row" key={m.key}>
            <Field
              label={`Member ${i + 1} name`}
              name={`member-name-${i}`}
              value={m.name}
              onChange={(e) => change(m.key, 'name', e.target.value)}
              maxLength={100}
              autoComplete="off"
              error={problems[`members.${i}.name`]}
            />
            <Field
              label="Email (optional)"
              name={`member-email-${i}`}
              type="email"
              value={m.email}
              onChange={(e) => change(m.key, 'email', e.target.value)}
              autoComplete="off"
              error={problems[`members.${i}.email`]}
            />
            <Field
              label="IBAN (optional)"
              name={`member-iban-${i}`}
              value={m.iban}
              onChange={(e) => change(m.key, 'iban', e.target.value)}
              autoComplete="off"
              error={problems[`members.${i}.iban`]}
            />
          </div>
        ))}
        <button
          type="button"
          className="button-link"
          onClick={() =>
            setMembers((list) => [
              ...list,
              { key: Math.max(...list.map((x) => x.key)) + 1, name: '', email: '', iban: '' },
            ])
          }
        >
          Add another member
        </button>
      </fieldset>
      <p className="muted">
        A member whose email belongs to someone using this ledger sees their own share of each
        expense in their budget.
      </p>
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Create group'}
        </button>
        <button type="button" className="button-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
