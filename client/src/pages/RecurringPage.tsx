import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
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
  const { show } = useFlash();
  // null: no form; 'new': adding; a rule: editing it.
  const [editing, setEditing] = useState<RecurringRule | 'new' | null>(null);
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
    <section className="page">
      <div className="page-heading">
        <h1>Recurring</h1>
        {editing == null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add rule
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby="rule-form-heading">
          <h2 id="rule-form-heading">
            {editing === 'new' ? 'New recurring rule' : `Edit “${editing.name}”`}
          </h2>
          <WithOpenAccounts
            keep={
              editing === 'new'
                ? []
                : [editing.account.id, ...(editing.toAccount ? [editing.toAccount.id] : [])]
            }
          >
            {(accounts) => (
              <RuleForm
                key={editing === 'new' ? 'new' : editing.id}
                rule={editing === 'new' ? undefined : editing}
                accounts={accounts}
                submitLabel={editing === 'new' ? 'Add rule' : 'Save changes'}
                onSave={async (input) => {
                  const saved = await save(input, editing === 'new' ? undefined : editing.id);
                  show({
                    kind: 'success',
                    message: `${editing === 'new' ? 'Added' : 'Saved'} “${saved.name}”.`,
                  });
                  setEditing(null);
                }}
              >
                <button type="button" className="button-link" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </RuleForm>
            )}
          </WithOpenAccounts>
        </section>
      )}
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
    </section>
  );
}
