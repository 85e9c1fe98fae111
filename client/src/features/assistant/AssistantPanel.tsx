import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AskDocument, ConfirmAssistantActionDocument } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import './assistant.css';

/** The server refuses longer text; the field stops there first. */
const ASK_MAX = 500;

interface Message {
  id: number;
  from: 'user' | 'assistant';
  text: string;
  action?: { id: string; description: string; state: 'open' | 'done' | 'cancelled' };
}

/**
 * The header's assistant: a drawer with the conversation and the field to type in. Proposed
 * writes show as cards with Confirm and Cancel; only Confirm saves. Escape closes the drawer and
 * focus returns to the button; opening it puts focus in the field. Text is shown as text, never
 * as markup.
 */
export function AssistantPanel() {
  const panelId = useId();
  const titleId = useId();
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const nextId = useRef(1);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [ask, { loading }] = useMutation(AskDocument);
  const [confirm, { loading: confirming }] = useMutation(ConfirmAssistantActionDocument);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }, [messages]);

  const add = (message: Omit<Message, 'id'>) =>
    setMessages((was) => [...was, { ...message, id: nextId.current++ }]);

  const setActionState = (actionId: string, state: 'done' | 'cancelled') =>
    setMessages((was) =>
      was.map((m) => (m.action?.id === actionId ? { ...m, action: { ...m.action, state } } : m)),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const asked = text.trim();
    if (!asked) {
      setError('Type a question or something to log');
      return;
    }
    setError(null);
    add({ from: 'user', text: asked });
    setText('');
    try {
      const { data } = await ask({ variables: { text: asked } });
      const reply = data!.ask;
      add({
        from: 'assistant',
        text: reply.text,
        action: reply.action ? { ...reply.action, state: 'open' } : undefined,
      });
    } catch (problem) {
      add({ from: 'assistant', text: errorMessage(problem) });
    }
    input.current?.focus();
  };

  const confirmAction = async (actionId: string) => {
    try {
      const { data } = await confirm({ variables: { id: actionId } });
      const t = data!.confirmAssistantAction;
      setActionState(actionId, 'done');
      add({
        from: 'assistant',
        text: `Saved: ${t.description}, ${t.amount} ${t.currency} on ${t.date}.`,
      });
      // The pages behind the drawer show the new transaction without a reload.
      await client.refetchQueries({ include: 'active' });
    } catch (problem) {
      add({ from: 'assistant', text: errorMessage(problem) });
    }
    input.current?.focus();
  };

  const cancelAction = (actionId: string) => {
    setActionState(actionId, 'cancelled');
    add({ from: 'assistant', text: 'Cancelled: nothing was saved.' });
    input.current?.focus();
  };

  return (
    <div className="assistant">
      <button
        type="button"
        ref={button}
        className="button-secondary assistant-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Assistant
      </button>
      <section
        id={panelId}
        className="assistant-panel"
        hidden={!open}
        role="dialog"
        aria-labelledby={titleId}
      >
        <div className="assistant-head">
          <h2 id={titleId} className="assistant-title">
            Assistant
          </h2>
          <button type="button" className="button-secondary" onClick={close}>
            Close
          </button>
        </div>
        <ol
          className="assistant-messages"
          ref={list}
          aria-live="polite"
          aria-label="Conversation"
          // Scrollable: reachable by keyboard to scroll back through the answers.
          tabIndex={0}
        >
          {messages.length === 0 && (
            <li className="assistant-message assistant-hint muted">
              Try “spent 12.50 on lunch yesterday at Pret”, “moved 500 to savings”, “how much did I
              spend on food last month?” or “when is rent due?”. Nothing is saved until you confirm.
            </li>
          )}
          {messages.map((m) => (
            <li
              key={m.id}
              className={`assistant-message assistant-from-${m.from}`}
              aria-label={m.from === 'user' ? 'You' : 'Assistant'}
            >
              <p className="assistant-text">{m.text}</p>
              {m.action && (
                <div className="assistant-card" role="group" aria-label="Proposed entry">
                  <p className="assistant-card-text">{m.action.description}</p>
                  {m.action.state === 'open' ? (
                    <div className="assistant-card-buttons">
                      <button
                        type="button"
                        disabled={confirming}
                        onClick={() => void confirmAction(m.action!.id)}
                      >
                        Confirm
                      </button>
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => cancelAction(m.action!.id)}
                      >
                        Cancel
                      </button>
                    </div>
                  ) : (
                    <p className="assistant-card-state muted">
                      {m.action.state === 'done' ? 'Saved' : 'Cancelled'}
                    </p>
                  )}
                </div>
              )}
            </li>
          ))}
          {loading && (
            <li className="assistant-message muted" role="status">
              Thinking…
            </li>
          )}
        </ol>
        <form className="assistant-form" onSubmit={submit} noValidate>
          <label htmlFor={`${panelId}-text`} className="visually-hidden">
            Ask or log something
          </label>
          <input
            id={`${panelId}-text`}
            ref={input}
            value={text}
            maxLength={ASK_MAX}
            autoComplete="off"
            placeholder="Ask or log something…"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${panelId}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" disabled={loading}>
            Send
          </button>
          {error && (
            <p id={`${panelId}-error`} className="form-error assistant-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
