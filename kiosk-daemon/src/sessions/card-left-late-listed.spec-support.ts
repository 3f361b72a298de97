/**
 * What the journal of a cut-short session must say once recovery met its card in a motorless
 * reader listed late (ADR 0002; the reader in time: the card left in its slot and waited for): one reading for the unit spec on the recovery service and the
 * e2e on the real daemon and pcscd (`card-in-late-listed-presence-reader-after-crash`).
 */
import { expect } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';

/** A journaled step as both specs read it: its name with its kind, and its detail. */
interface StepRead {
  readonly step: string;
  readonly detail?: unknown;
}

/**
 * The reader said in time that the card is in it: no capture asked (the reader has no capture bin),
 * the card journaled left in its slot, where the slot-card wait waits for it (ADR 0002).
 */
export function expectLeftInSlotAtBoot(steps: readonly StepRead[], maskedCard: string): void {
  expect(steps.map((s) => s.step)).toEqual([
    'card.read:event',
    'recovery.found:event',
    'card.leftInSlot:event',
  ]);
  expect(steps[1]!.detail).toMatchObject({ cardPosition: 'inReader' });
  expect(steps[2]!.detail).toEqual({
    after: 'restart',
    readerSays: 'inReader',
    captureBin: false,
    card: maskedCard,
    forStaff: true,
  });
}

/** The reader still silent at the bound: the card accounted for as of unknown whereabouts. */
export function expectUnknownAtTheBound(steps: readonly StepRead[], maskedCard: string): void {
  expect(steps.map((s) => s.step)).toEqual([
    'card.read:event',
    'recovery.found:event',
    'card.unaccounted:event',
  ]);
  expect(steps[1]!.detail).toMatchObject({ cardPosition: 'unknown' });
  expect(steps[2]!.detail).toEqual({
    after: 'restart',
    readerSays: 'unknown',
    code: ErrorCode.CARD_POSITION_UNKNOWN,
    card: maskedCard,
    forStaff: true,
  });
}
