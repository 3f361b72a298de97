/**
 * The fault: a failed self test set SELF_TEST_FAILED and dropped what it failed of, so neither the
 * kiosk's log, its staff screen nor the fleet could say whom to send with what. Now the machine
 * keeps the error's code as `cause` beside SELF_TEST_FAILED (INTERNAL for an error without one),
 * through the staff visit that follows, and drops it once a self test passes (or the cause is settled).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk } from '../testing/device-statuses.js';

const failed = (error: unknown) =>
  ({ type: 'xstate.error.actor.selfTest', error }) as AnyEventObject as KioskEvent;
const passed = () =>
  ({ type: 'xstate.done.actor.selfTest', output: healthyKiosk() }) as AnyEventObject as KioskEvent;

function bootFailing(error: unknown) {
  let [s] = initialTransition(kioskMachine, {});
  [s] = transition(kioskMachine, s, { type: 'BOOTED' });
  [s] = transition(kioskMachine, s, failed(error));
  return s;
}

describe('a failed self test keeps what it failed of', () => {
  it.each([
    [ErrorCode.CARD_POSITION_UNKNOWN],
    [ErrorCode.WITHDRAWAL_UNDECIDED],
    [ErrorCode.CARD_MAKING_UNDECIDED],
    [ErrorCode.JOURNAL_WRITE_FAILED],
  ])('failed of %s: out of service, SELF_TEST_FAILED, the code kept as its cause', (code) => {
    const s = bootFailing(new KioskError(code, 'the self test failed'));
    expect(s.value).toBe('outOfService');
    expect(s.context).toMatchObject({ reason: 'SELF_TEST_FAILED', cause: code });
  });

  it('failed of an error without a code (or a code of no code form): INTERNAL', () => {
    expect(bootFailing(new Error('driver threw')).context.cause).toBe(ErrorCode.INTERNAL);
    expect(bootFailing({ code: 'not a code' }).context.cause).toBe(ErrorCode.INTERNAL);
    expect(bootFailing(undefined).context.cause).toBe(ErrorCode.INTERNAL);
  });

  it('kept while held (devices and an operator change nothing); kept in the visit after it; gone once placed again', () => {
    let s = bootFailing(new KioskError(ErrorCode.CARD_POSITION_UNKNOWN, 'silent reader'));
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_STOP', reason: 'REMOTE_OUT_OF_SERVICE' });
    expect(s.context).toMatchObject({ reason: 'SELF_TEST_FAILED', cause: 'CARD_POSITION_UNKNOWN' });
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    expect(s.context).toMatchObject({ reason: 'MAINTENANCE', cause: 'CARD_POSITION_UNKNOWN' });
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_RETURN_TO_SERVICE' });
    [s] = transition(kioskMachine, s, passed());
    expect(s.value).toBe('inService');
    expect(s.context.cause).toBeUndefined();
  });

  it('settled since (RECOVERY_SETTLED): placed by the devices, no cause left', () => {
    let s = bootFailing(new KioskError(ErrorCode.WITHDRAWAL_UNDECIDED, 'undecided'));
    [s] = transition(kioskMachine, s, { type: 'RECOVERY_SETTLED', statuses: healthyKiosk() });
    expect(s.value).toBe('inService');
    expect(s.context.cause).toBeUndefined();
  });
});
