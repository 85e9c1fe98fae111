import { measureDetection } from '../server/src/modules/recurring-detection/synthetic-history';

export interface DetectionFigures {
  histories: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  msPerHistory: number;
}

/**
 * Recurring detection on generated three-year histories with known series and noise (see
 * synthetic-history.ts): precision and recall against the truth, and the time per history.
 * No database: the detection is pure; the ledger's read that feeds it is one indexed range.
 */
export function benchRecurringDetection(histories: number, seed: number): DetectionFigures {
  const started = process.hrtime.bigint();
  const score = measureDetection(histories, seed);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    histories,
    precision: score.precision,
    recall: score.recall,
    truePositives: score.truePositives,
    falsePositives: score.falsePositives,
    falseNegatives: score.falseNegatives,
    msPerHistory: ms / histories,
  };
}

export function describeDetection(f: DetectionFigures): string {
  return (
    `recurring detection, ${f.histories} generated histories: precision ${f.precision.toFixed(3)}, ` +
    `recall ${f.recall.toFixed(3)} (${f.truePositives} found, ${f.falsePositives} wrong, ` +
    `${f.falseNegatives} missed); ${f.msPerHistory.toFixed(1)} ms per history (generation included)`
  );
}
