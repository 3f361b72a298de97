/**
 * Fault: notes presented at the slot, not taken in time, and the retract refused as busy (the
 * dispenser NAKs it: nothing moved); the resident took them while the dispenser was busy. Read
 * again, the presenter is empty and the retract bin did not count them, and recovery left the
 * withdrawal for staff ("the notes left in the presenter after a failed retract are gone"),
 * though no retract ever moved a note: the resident was paid and the hold stayed. Now the notes of
 * retracts all refused as busy, found gone, are taken as paid (confirmed once); a retract
 * unanswered (maybe acted on, its answer lost), one begun since, or notes never presented stay
 * for staff.
 */
import { describe, expect, it } from '@jest/globals';
import { decideWithdrawal, type JournaledStep, type WithdrawalFacts } from './withdrawal-recovery.js';

const step = (s: string, detail?: object): JournaledStep => {
  const [name, phase] = s.split(':') as [string, string];
  return { step: name, phase, detail: detail ? JSON.stringify(detail) : null };
};
const left = (code: string) =>
  step('cash.leftInPresenter:event', { forStaff: true, code, presenter: 'presented', notes: 2 });
const presented = [
  step('withdrawal.authorise:intent', { amountFen: 20_000 }),
  step('withdrawal.authorise:done'),
  step('withdrawal.authorised:event'),
  step('cash.dispense:intent', {
    amountFen: 20_000,
    cassettesBefore: 'upper=200,lower=200',
    retractBinBefore: 0,
  }),
  step('cash.dispense:done'),
  step('cash.present:intent'),
  step('cash.present:done'),
];
const retractFailed = (code: string) => [
  step('cash.retract:intent', { retractBinBefore: 0 }),
  step('cash.retract:failed', { code }),
  left(code),
];
const facts = (steps: JournaledStep[]): WithdrawalFacts => ({
  steps,
  dispenserAnswers: true,
  presenter: { state: 'empty', amountFen: 0, notes: 0 },
  cassettes: { upper: 198, lower: 200 },
  retractBin: 0,
  host: { authorisationId: 'W00000001', status: 'authorised', amountFen: 20_000, heldFen: 20_000 },
});

describe('notes taken at the slot after the retract was refused as busy', () => {
  it('fault: presented, retract refused as busy, presenter found empty: paid, confirmed in full', () => {
    expect(decideWithdrawal(facts([...presented, ...retractFailed('DEVICE_BUSY')]))).toMatchObject({
      action: 'confirm',
      reverseFirstFen: 0,
    });
  });

  it('a retract unanswered may have drawn them in: left for staff', () => {
    for (const code of ['DEVICE_TIMEOUT', 'DEVICE_OFFLINE'])
      expect(decideWithdrawal(facts([...presented, ...retractFailed(code)])).action).toBe('undecided');
  });

  it('a retract begun after the refused one (a settlement whose answer never came): left for staff', () => {
    const since = [
      ...presented,
      ...retractFailed('DEVICE_BUSY'),
      step('recovery.cash.retract:intent', { retractBinBefore: 0 }),
    ];
    expect(decideWithdrawal(facts(since)).action).toBe('undecided');
  });

  it('notes never presented (a dispense of unknown outcome, the shutter closed): left for staff', () => {
    const unknown = [...presented.slice(0, 4), ...retractFailed('DEVICE_BUSY')];
    expect(decideWithdrawal(facts(unknown)).action).toBe('undecided');
  });

  it('the notes still there: retracted and reversed, whatever the refusal', () => {
    const there = facts([...presented, ...retractFailed('DEVICE_BUSY')]);
    const decision = decideWithdrawal({
      ...there,
      presenter: { state: 'presented', amountFen: 20_000, notes: 2 },
    });
    expect(decision).toMatchObject({ action: 'reverse', retract: true, amountFen: 20_000 });
  });
});
