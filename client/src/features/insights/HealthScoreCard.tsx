import type { InsightsQuery } from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import './insights.css';

/** Red below 40, amber below 70, green from there: the same bands the sentence names. */
export function scoreBand(score: number): 'low' | 'fair' | 'good' {
  return score < 40 ? 'low' : score < 70 ? 'fair' : 'good';
}

const BAND_WORDS = { low: 'Needs attention', fair: 'Fair', good: 'Healthy' };

/** The month's score out of 100, and each component with its points and why. */
export function HealthScoreCard({
  health,
  compact = false,
}: {
  health: InsightsQuery['healthScore'];
  compact?: boolean;
}) {
  const band = scoreBand(health.score);
  return (
    <section className="card health-card" aria-labelledby="health-heading">
      <div className="health-head">
        <h2 id="health-heading">Health score, {formatMonth(health.month)}</h2>
        <p className={`health-score health-${band}`} data-testid="health-score">
          <strong>{health.score}</strong>
          <span className="muted"> / 100</span>
          <span className="health-band">{BAND_WORDS[band]}</span>
        </p>
      </div>
      <ul className="health-components">
        {health.components.map((c) => (
          <li key={c.name}>
            <div className="health-row">
              <span className="health-name">{c.name}</span>
              <span className="health-figures">
                <span className="health-value">{c.value}</span>
                <span className="health-points">
                  {c.points}/{c.maxPoints}
                </span>
              </span>
            </div>
            <meter
              min={0}
              max={c.maxPoints}
              value={c.points}
              aria-label={`${c.name}: ${c.points} of ${c.maxPoints} points`}
            />
            {!compact && <p className="muted health-why">{c.explanation}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
