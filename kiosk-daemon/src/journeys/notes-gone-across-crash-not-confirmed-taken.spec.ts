/**
 * Fault: notes presented at the slot before a crash and gone after it, neither retracted by the
 * journal nor counted in the retract bin, were confirmed at the host at boot ("presented and
 * taken"). Nobody watched the slot while the kiosk was down, and a presenter with a take time of
 * its own draws the notes into its retract bin, which an LCDM does not count (ADR 0020): the
 * resident was told paid with the notes in the bin. Now recovery leaves such a withdrawal for
 * staff with the facts (the amount presented, the journal's last step before the crash), the money
 * held; a take the kiosk saw and journaled (`cash.taken`) is still confirmed, notes still there
 * are retracted and reversed, a bin that counted them reverses.
 */
import { describe, expect, it } from '@jest/globals';
import { decideWithdrawal } from './withdrawal-recovery.js';
import { DISPENSED as dispensed, goneFacts as facts, step } from './notes-gone-unseen.spec-support.js';

describe('notes gone across a crash are not confirmed taken', () => {
  it('fault: presented before the crash, gone after it (maybe drawn in on its own): left for staff, gone unseen', () => {
    const lastBeforeCrash = step('cash.present:done');
    const steps = [...dispensed, step('cash.present:intent'), lastBeforeCrash];
    expect(decideWithdrawal(facts(steps))).toEqual({
      action: 'undecided',
      why: expect.stringContaining('gone across a restart'),
      notesGoneUnseen: { presentedFen: 20_000, lostAfter: lastBeforeCrash },
    });
  });

  it('fault: the shutter opening cut short (its intent only), the notes gone: left for staff, gone unseen', () => {
    const steps = [...dispensed, step('cash.present:intent')];
    expect(decideWithdrawal(facts(steps))).toMatchObject({
      action: 'undecided',
      notesGoneUnseen: { presentedFen: 20_000, lostAfter: step('cash.present:intent') },
    });
  });

  it('an earlier boot left it: the facts still name the journey step before the crash', () => {
    const steps = [
      ...dispensed,
      step('cash.present:intent'),
      step('cash.present:done'),
      step('recovery.withdrawal:event', { action: 'undecided' }),
      step('recovery.needsStaff:event', { reason: 'the dispenser does not answer' }),
    ];
    expect(decideWithdrawal(facts(steps))).toMatchObject({
      notesGoneUnseen: { lostAfter: step('cash.present:done') },
    });
  });

  it('a take the kiosk saw (cash.taken journaled) is confirmed', () => {
    const steps = [...dispensed, step('cash.present:intent'), step('cash.taken:event', { paidFen: 20_000 })];
    expect(decideWithdrawal(facts(steps))).toMatchObject({ action: 'confirm', reverseFirstFen: 0 });
  });

  it('the retract bin counted them (a dispenser that counts its bin): reversed', () => {
    const steps = [...dispensed, step('cash.present:intent'), step('cash.present:done')];
    expect(decideWithdrawal(facts(steps, { retractBin: 2 }))).toMatchObject({
      action: 'reverse',
      reason: 'retracted',
    });
  });

  it('the notes still at the slot: retracted and reversed', () => {
    const steps = [...dispensed, step('cash.present:intent'), step('cash.present:done')];
    const presenter = { state: 'presented', amountFen: 20_000, notes: 2 } as const;
    expect(decideWithdrawal(facts(steps, { presenter }))).toMatchObject({ action: 'reverse', retract: true });
  });
});
