/**
 * The journey's retract refused because the presented notes went unseen while the dispenser was
 * out of reach (journaled `cash.leftInPresenter` with DEVICE_OFFLINE and `notesGoneUnseen`): the
 * dispenser answers again by then, so the withdrawal is not waited for as a dispenser fault (a
 * late settlement that would only leave it for staff with a generic reason); it goes to staff at
 * once with the gone-unseen facts.
 */
import { describe, expect, it } from '@jest/globals';
import { NOTES_GONE_UNSEEN } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { DISPENSED, step } from '../journeys/notes-gone-unseen.spec-support.js';
import { dispenserFaultOf, waitsForTheDispenser } from './dispenser-back-settlement.js';

const presented = [...DISPENSED, step('cash.present:intent'), step('cash.present:done')];
const retractRefused = (extra: object) => [
  ...presented,
  step('cash.retract:intent'),
  step('cash.retract:failed', { code: ErrorCode.DEVICE_OFFLINE }),
  step('cash.leftInPresenter:event', { forStaff: true, code: ErrorCode.DEVICE_OFFLINE, ...extra }),
];

describe('notes gone unseen are not waited for as a dispenser fault', () => {
  it('a retract refused for notes gone unseen waits for nothing', () => {
    const steps = retractRefused({
      presenter: 'empty',
      [NOTES_GONE_UNSEEN]: true,
      presentedFen: 20_000,
      lostAt: '2026-11-29T07:00:00.000Z',
      backAt: '2026-11-29T07:01:00.000Z',
    });
    expect(dispenserFaultOf(steps)).toBeUndefined();
    expect(waitsForTheDispenser(steps)).toBe(false);
  });

  it('a retract unanswered with the dispenser gone still waits for it', () => {
    const steps = retractRefused({ presenter: 'unknown' });
    expect(dispenserFaultOf(steps)).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(waitsForTheDispenser(steps)).toBe(true);
  });
});
