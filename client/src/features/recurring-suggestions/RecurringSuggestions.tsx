import { useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useFlash } from '../../app/flash';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import {
  AcceptRecurringSuggestionDocument,
  DetectRecurringSuggestionsDocument,
  DismissRecurringSuggestionDocument,
  type DetectRecurringSuggestionsMutation,
} from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { formatMoney } from '../../lib/money';
import { rruleInWords } from './rrule-words';
import './recurring-suggestions.css';

export type RecurringSuggestion =
  DetectRecurringSuggestionsMutation['detectRecurringSuggestions'][number];

/**
 * Recurring payments found in the history, to accept as recurring rules (expected, matched with
 * what arrives) or dismiss (a dismissed series is not suggested again). The history is looked
 * through when this mounts.
 */
export function RecurringSuggestions() {
  const { show } = useFlash();
  const [accept] = useMutation(AcceptRecurringSuggestionDocument, {
    refetchQueries: ['RecurringRules', 'UpcomingBills'],
    awaitRefetchQueries: true,
  });
  const [detect, detection] = useMutation(DetectRecurringSuggestionsDocument);
  const [dismiss] = useMutation(DismissRecurringSuggestionDocument);
  const [suggestions, setSuggestions] = useState<RecurringSuggestion[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const look = async () => {
    try {
      const { data } = await detect();
      setSuggestions(data!.detectRecurringSuggestions);
    } catch {
      // Shown from detection.error with a retry.
    }
  };
  useEffect(() => {
    void look();
    // Once per mount: detection reads up to three years of history.
  }, []);

  async function act(suggestion: RecurringSuggestion, accepting: boolean) {
    setBusy(suggestion.id);
    try {
      if (accepting) await accept({ variables: { id: suggestion.id } });
      else await dismiss({ variables: { id: suggestion.id } });
      setSuggestions((list) => (list ?? []).filter((s) => s.id !== suggestion.id));
      show({
        kind: 'success',
        message: accepting
          ? `“${suggestion.payee}” is now a recurring payment.`
          : `“${suggestion.payee}” will not be suggested again.`,
      });
    } catch (error) {
      show({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  if (suggestions === null) {
    if (detection.error) return <ErrorState error={detection.error} onRetry={() => void look()} />;
    return <Loading label="Looking for recurring payments…" />;
  }
  if (suggestions.length === 0) {
    return (
      <EmptyState title="No recurring payments found">
        <p>Payments to the same payee at a regular interval show here after three of them.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="suggestion-list" aria-label="Suggested recurring payments">
      {suggestions.map((s) => (
        <li key={s.id} className="suggestion">
          <div className="suggestion-text">
            <strong>{s.payee}</strong>
            <span>
              {rruleInWords(s.rrule)} · {s.kind === 'INCOME' ? '+' : ''}
              {formatMoney(s.amount, s.currency)}
            </span>
            <span className="muted">
              Seen {s.occurrences} times, last on {formatDate(s.lastDate)}; next about{' '}
              {formatDate(s.nextDate)}
            </span>
          </div>
          <div className="suggestion-actions">
            <button
              type="button"
              disabled={busy === s.id}
              aria-label={`Accept ${s.payee} as a recurring payment`}
              onClick={() => void act(s, true)}
            >
              Accept
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={busy === s.id}
              aria-label={`Dismiss ${s.payee}`}
              onClick={() => void act(s, false)}
            >
              Dismiss
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
