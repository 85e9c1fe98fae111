/** The event checkboxes of the new-webhook and edit forms. */
export function EventChoices({
  events,
  chosen,
  onChange,
  error,
}: {
  events: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="webhook-events">
      <legend>Events</legend>
      {events.map((name) => (
        <label key={name} className="checkbox">
          <input
            type="checkbox"
            name="events"
            value={name}
            checked={chosen.includes(name)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, name] : chosen.filter((c) => c !== name))
            }
          />
          {name}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
