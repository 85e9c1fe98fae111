import { useState } from 'react';
import { usePageTitle } from '../app/Layout';
import { EditablePage, type Editing } from '../components/EditablePage';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { WithOpenAccounts } from '../features/accounts/WithOpenAccounts';
import { RuleForm } from '../features/recurring/RuleForm';
import { RuleTable } from '../features/recurring/RuleTable';
import { UpcomingBills } from '../features/recurring/UpcomingBills';
import { RecurringSuggestions } from '../features/recurring-suggestions/RecurringSuggestions';
import {
  useRecurringRules,
  useRuleActions,
  useSaveRule,
  type RecurringRule,
} from '../features/recurring/useRecurring';

/** Recurring rules, the bills they make, and the series found in the history to accept. */
export function RecurringPage() {
  usePageTitle('Recurring');
  const { data, loading, error, refetch } = useRecurringRules();
  const save = useSaveRule();
  const actions = useRuleActions();
  // null: no form; 'new': adding; a rule: editing it.
  const [editing, setEditing] = useState<Editing<RecurringRule>>(null);
  const rules = data?.recurringRules;

  let body;
  if (!rules && loading) body = <Loading label="Loading recurring rules…" />;
  else if (!rules) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (rules.length === 0) {
    body = editing ? null : (
      <EmptyState title="No recurring rules yet">
        <p>Add rent or salary once and it posts itself; bills you expect wait for your OK.</p>
        <button type="button" onClick={() => setEditing('new')}>
          Add your first rule
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <section className="card card-flush" aria-labelledby="rules-heading">
        <div className="card-heading">
          <h2 id="rules-heading">Rules</h2>
        </div>
        <RuleTable
          rules={rules}
          onEdit={(rule) => setEditing(rule)}
          onPause={(rule, paused) => void actions.setPaused(rule, paused)}
          onDelete={async (rule) => {
            const done = await actions.remove(rule);
            if (done && editing !== 'new' && editing?.id === rule.id) setEditing(null);
            return done;
          }}
        />
      </section>
    );
  }

  return (
    <EditablePage
      title="Recurring"
      noun="rule"
      newTitle="New recurring rule"
      idPrefix="rule"
      editing={editing}
      onEditingChange={setEditing}
      form={(slot) => (
        <WithOpenAccounts
          keep={
            slot.record
              ? [
                  slot.record.account.id,
                  ...(slot.record.toAccount ? [slot.record.toAccount.id] : []),
                ]
              : []
          }
        >
          {(accounts) => (
            <RuleForm
              key={slot.key}
              rule={slot.record}
              accounts={accounts}
              submitLabel={slot.submitLabel}
              onSave={async (input) => slot.saved(await save(input, slot.id))}
            >
              {slot.cancel}
            </RuleForm>
          )}
        </WithOpenAccounts>
      )}
    >
      {body}
      <section className="card" aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">Found in your history</h2>
        <RecurringSuggestions />
      </section>
      <section className="card card-flush" aria-labelledby="bills-heading">
        <div className="card-heading">
          <h2 id="bills-heading">Upcoming bills</h2>
        </div>
        <UpcomingBills />
      </section>
    </EditablePage>
  );
}
