import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import {
  ApplyCategoryRulesDocument,
  CategoryRulesDocument,
  CreateCategoryRuleDocument,
  DeleteCategoryRuleDocument,
  UpdateCategoryRuleDocument,
  type CategoryRulesQuery,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { formatMoney } from '../../lib/money';
import { useAccounts, type Account } from '../accounts/useAccounts';
import { RuleForm, type RuleInput } from './RuleForm';
import { forgetFiledViews, refetchRules } from './rule-cache';
import './category-rules.css';

type Rule = CategoryRulesQuery['categoryRules'][number];

function conditions(rule: Rule, accounts: Account[]): string {
  const parts: string[] = [];
  if (rule.accountId) {
    parts.push(`in ${accounts.find((a) => a.id === rule.accountId)?.name ?? 'an old account'}`);
  }
  const money = (amount: string) => formatMoney(amount, rule.currency ?? 'USD');
  if (rule.minAmount && rule.maxAmount) {
    parts.push(`${money(rule.minAmount)} to ${money(rule.maxAmount)}`);
  } else if (rule.minAmount) parts.push(`at least ${money(rule.minAmount)}`);
  else if (rule.maxAmount) parts.push(`at most ${money(rule.maxAmount)}`);
  return parts.length > 0 ? parts.join(', ') : 'Any account and amount';
}

/** The ledger's category rules: add, edit, delete, and apply them to uncategorised transactions. */
export function CategoryRules() {
  const { show } = useFlash();
  const { data, loading, error, refetch } = useQuery(CategoryRulesDocument);
  const accounts = useAccounts();
  const [create] = useMutation(CreateCategoryRuleDocument, refetchRules);
  const [apply, applying] = useMutation(ApplyCategoryRulesDocument, { update: forgetFiledViews });
  const [applied, setApplied] = useState<string | null>(null);
  const open = (accounts.data?.accounts ?? []).filter((a) => !a.archived);

  async function applyRules() {
    setApplied(null);
    try {
      const { data: result } = await apply();
      const n = result!.applyCategoryRules;
      setApplied(
        n === 0
          ? 'No uncategorised transaction matched a rule.'
          : `Filed ${n} transaction${n === 1 ? '' : 's'} by your rules.`,
      );
    } catch (failure) {
      show({ kind: 'error', message: errorMessage(failure) });
    }
  }

  let list;
  if (loading && !data) list = <Loading label="Loading your rules…" />;
  else if (error && !data) list = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if ((data?.categoryRules ?? []).length === 0) {
    list = (
      <EmptyState title="No rules yet">
        <p>Add one above, or edit an expense’s category and choose to remember it.</p>
      </EmptyState>
    );
  } else {
    list = (
      <table className="table rule-table">
        <caption className="visually-hidden">
          Your category rules, in the order they are tried
        </caption>
        <thead>
          <tr>
            <th scope="col">Contains</th>
            <th scope="col">Category</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data!.categoryRules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              accounts={open}
              allAccounts={accounts.data?.accounts ?? []}
            />
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <>
      <section className="card" aria-labelledby="new-rule-heading">
        <h2 id="new-rule-heading">New rule</h2>
        <RuleForm
          accounts={open}
          submitLabel="Add rule"
          onSave={async (input: RuleInput) => {
            await create({ variables: { input } });
            show({ kind: 'success', message: `“${input.match}” now goes to ${input.category}.` });
          }}
        />
      </section>
      <section className="card card-flush" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Your rules</h2>
        <p className="muted card-pad">
          Transactions written without a category (imports, recurring payments, income) take the
          first matching rule: one for an account before one for all, one with an amount range
          before one without, then the longer text. Without a match, the payee’s usual category.
        </p>
        <div className="card-pad apply-rules">
          <button
            type="button"
            className="button-secondary"
            onClick={() => void applyRules()}
            disabled={applying.loading}
          >
            {applying.loading ? 'Applying…' : 'Apply to existing transactions'}
          </button>
          <span role="status" data-testid="apply-result">
            {applied}
          </span>
        </div>
        {list}
      </section>
    </>
  );
}

function RuleRow({
  rule,
  accounts,
  allAccounts,
}: {
  rule: Rule;
  accounts: Account[];
  allAccounts: Account[];
}) {
  const { show } = useFlash();
  const [editing, setEditing] = useState(false);
  const [update] = useMutation(UpdateCategoryRuleDocument, refetchRules);
  const [remove, removing] = useMutation(DeleteCategoryRuleDocument, refetchRules);
  if (editing) {
    return (
      <tr>
        <td colSpan={4}>
          <RuleForm
            accounts={accounts}
            initial={{
              match: rule.match,
              category: rule.category.name,
              accountId: rule.accountId ?? '',
              minAmount: rule.minAmount ?? '',
              maxAmount: rule.maxAmount ?? '',
            }}
            submitLabel="Save rule"
            onSave={async (input) => {
              await update({ variables: { id: rule.id, input } });
              setEditing(false);
              show({ kind: 'success', message: 'Rule saved.' });
            }}
          >
            <button type="button" className="button-link" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </RuleForm>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td data-label="Contains" className="rule-match">
        “{rule.match}”
      </td>
      <td data-label="Category">{rule.category.name}</td>
      <td data-label="When">{conditions(rule, allAccounts)}</td>
      <td className="row-actions">
        <button
          type="button"
          className="button-link"
          aria-label={`Edit the rule for ${rule.match}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
        <button
          type="button"
          className="button-link danger"
          aria-label={`Delete the rule for ${rule.match}`}
          disabled={removing.loading}
          onClick={async () => {
            try {
              await remove({ variables: { id: rule.id } });
              show({ kind: 'success', message: `Deleted the rule for “${rule.match}”.` });
            } catch (failure) {
              show({ kind: 'error', message: errorMessage(failure) });
            }
          }}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
