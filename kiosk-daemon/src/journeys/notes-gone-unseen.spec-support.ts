/**
 * The gone-unseen recovery specs' withdrawal: li's 200 yuan authorised and dispensed (two 100-yuan
 * notes from the upper cassette, the retract bin at 0), and the facts recovery reads with the
 * presenter empty, the bin not counting them, the host holding it all.
 */
import type { JournaledStep, WithdrawalFacts } from './withdrawal-recovery.js';

/** `name:phase` → a journaled step, its detail as JSON. */
export const step = (s: string, detail?: object): JournaledStep => {
  const [name, phase] = s.split(':') as [string, string];
  return { step: name, phase, detail: detail ? JSON.stringify(detail) : null };
};

export const DISPENSED: readonly JournaledStep[] = [
  step('withdrawal.authorise:intent', { amountFen: 20_000 }),
  step('withdrawal.authorise:done'),
  step('withdrawal.authorised:event'),
  step('cash.dispense:intent', {
    amountFen: 20_000,
    cassettesBefore: 'upper=200,lower=200',
    retractBinBefore: 0,
  }),
  step('cash.dispense:done'),
];

export const goneFacts = (steps: JournaledStep[], over: Partial<WithdrawalFacts> = {}): WithdrawalFacts => ({
  steps,
  dispenserAnswers: true,
  presenter: { state: 'empty', amountFen: 0, notes: 0 },
  cassettes: { upper: 198, lower: 200 },
  retractBin: 0,
  host: { authorisationId: 'W00000001', status: 'authorised', amountFen: 20_000, heldFen: 20_000 },
  ...over,
});
