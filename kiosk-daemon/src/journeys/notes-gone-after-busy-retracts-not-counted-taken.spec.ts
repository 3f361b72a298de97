/**
 * Fault: notes presented at the slot, not taken in time, every retract refused as busy (the
 * dispenser NAKs it: nothing moved), and the notes then gone: recovery counted them taken and
 * confirmed the withdrawal at the host (ae4c42b). But from the first retract nobody watched the
 * slot (the driver stops its take watch to retract), and a presenter with a take time of its own
 * draws the notes into its retract bin, which an LCDM does not count (ADR 0020): the resident was
 * told paid with the notes in the bin. Now such notes are gone unseen: the withdrawal is left for
 * staff with the facts (the amount presented, the step after which sight was lost), the money
 * held; a take seen (`cash.taken`) is still paid. A retract unanswered, one begun since, or notes
 * never presented stay for staff as before; notes still there are retracted and reversed.
 */
import { describe, expect, it } from '@jest/globals';
import { decideWithdrawal } from './withdrawal-recovery.js';
import { DISPENSED, goneFacts as facts, step } from './notes-gone-unseen.spec-support.js';

const left = (code: string) =>
  step('cash.leftInPresenter:event', { forStaff: true, code, presenter: 'presented', notes: 2 });
const presented = [...DISPENSED, step('cash.present:intent'), step('cash.present:done')];
const retractFailed = (code: string) => [
  step('cash.retract:intent', { retractBinBefore: 0 }),
  step('cash.retract:failed', { code }),
  left(code),
];
describe('notes gone after retracts refused as busy are not counted taken', () => {
  it('fault: presented, retract refused as busy, presenter found empty (maybe drawn in on its own): left for staff, gone unseen', () => {
    const steps = [...presented, ...retractFailed('DEVICE_BUSY')];
    expect(decideWithdrawal(facts(steps))).toEqual({
      action: 'undecided',
      why: expect.stringContaining('gone after retracts refused as busy'),
      // sight lost when the retract began: the step before it
      notesGoneUnseen: { presentedFen: 20_000, lostAfter: step('cash.present:done') },
    });
  });

  it('two retracts both refused as busy: still gone unseen', () => {
    const steps = [...presented, ...retractFailed('DEVICE_BUSY'), ...retractFailed('DEVICE_BUSY')];
    expect(decideWithdrawal(facts(steps)).action).toBe('undecided');
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
