/**
 * The anomaly verdicts the host reached while answering one request, told back to the kiosk that
 * asked (RULES.md, "Anomaly monitoring": flagged to the host and the fleet). The host runs the
 * rules on what every kiosk reports; only the kiosk has a road to the fleet, so each answer carries
 * the verdicts its request raised in one response header, whatever the answer (a refusal too):
 *
 *   x-anomalies: sameCardTwoKiosks=block, nearCapConsecutiveDays=flag
 *
 * A header, not a field of each answer: every card-present call can raise one (a card lookup, a
 * balance, a withdrawal, a PIN event), and the answers' schemas stay as they are. A replayed answer
 * (idempotency) names the first answer's verdicts again: a kiosk asks again when the first answer
 * did not reach it (a timeout, a dropped line), and a verdict lost would never reach the fleet; one
 * told twice is the lesser harm. Part of the host contract.
 */

export const ANOMALY_RULES = [
  'pinFailures',
  'nearCapConsecutiveDays',
  'sameCardTwoKiosks',
  'retractedCash',
] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** flag: reported for review; block: withdrawals refused until staff clear it */
export type AnomalyAction = 'flag' | 'block';

export interface AnomalyVerdict {
  readonly rule: AnomalyRule;
  readonly action: AnomalyAction;
}

export const ANOMALY_HEADER = 'x-anomalies';

export function formatAnomalyVerdicts(verdicts: readonly AnomalyVerdict[]): string {
  return verdicts.map((v) => `${v.rule}=${v.action}`).join(', ');
}

const RULES: ReadonlySet<string> = new Set(ANOMALY_RULES);

/**
 * The verdicts in a header's value; none without one. An entry this release does not know (a rule
 * of a newer host, a malformed one) is left out: the host keeps its verdict whatever the kiosk reads.
 */
export function parseAnomalyVerdicts(header: string | undefined): AnomalyVerdict[] {
  if (header === undefined) return [];
  const verdicts: AnomalyVerdict[] = [];
  for (const entry of header.split(',')) {
    const [rule, action, ...rest] = entry.trim().split('=');
    if (rest.length > 0 || rule === undefined || !RULES.has(rule)) continue;
    if (action !== 'flag' && action !== 'block') continue;
    verdicts.push({ rule: rule as AnomalyRule, action });
  }
  return verdicts;
}
