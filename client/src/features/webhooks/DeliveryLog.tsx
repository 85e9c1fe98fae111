import type { Webhook } from './useWebhooks';

/** An endpoint's latest delivery attempts, folded away until asked for. */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  return (
    <details>
      <summary>Delivery log ({webhook.deliveries.length})</summary>
      {webhook.deliveries.length === 0 ? (
        <p className="muted">Nothing delivered yet.</p>
      ) : (
        <table className="table" aria-label={`Deliveries to ${webhook.url}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Result</th>
              <th scope="col" className="numeric">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {webhook.deliveries.map((d) => (
              <tr key={d.id}>
                <td data-label="When">{new Date(d.createdAt).toLocaleString()}</td>
                <td data-label="Event">
                  {d.eventType} <span className="muted">#{d.attempt}</span>
                </td>
                <td data-label="Result">
                  {d.ok ? `OK (${d.statusCode})` : (d.error ?? `HTTP ${d.statusCode}`)}
                </td>
                <td data-label="Time" className="numeric">
                  {d.responseMs === null || d.responseMs === undefined ? '–' : `${d.responseMs} ms`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
