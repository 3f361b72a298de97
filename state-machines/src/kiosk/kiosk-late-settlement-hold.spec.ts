/**
 * Fault: a withdrawal the late sweep of held withdrawals left for the dispenser's silence while the
 * kiosk was in service (the host away at boot) could not be settled when the dispenser came back:
 * the dispenser-back settlement ran only while a failed self test held the kiosk, and nothing held
 * a kiosk in service, so a resident could start a journey beside the retract. Now the daemon holds
 * it (LATE_SETTLEMENT_HOLD): nothing is offered, it reads as a self test, and LATE_SETTLEMENT_DONE
 * places it by its devices. Never taken over a failed or timed-out self test, nor in maintenance.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { initialTransition, transition, type AnyEventObject } from 'xstate';
import { kioskMachine, kioskModeOf, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

const hold: KioskEvent = { type: 'LATE_SETTLEMENT_HOLD' };
const done = (statuses = healthyKiosk()): KioskEvent => ({ type: 'LATE_SETTLEMENT_DONE', statuses });
const dispenserDown = () => withDevice(healthyKiosk(), 'cashDispenser', 'offline');

describe('kiosk machine: held while the daemon settles what waits for the dispenser', () => {
  it('fault: in service (degraded by the dispenser) nothing held it: held, nothing offered, read as a self test, then placed by the devices', () => {
    let s = afterSelfTest(dispenserDown());
    expect(s.value).toBe('degraded');
    [s] = transition(kioskMachine, s, hold);
    expect(s.value).toBe('lateSettlement');
    expect(kioskModeOf(s)).toBe('selfTest');
    expect(s.context.journeysOffered).toEqual([]);
    // the dispenser's comeback reaches the kiosk meanwhile: kept, not placed
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('lateSettlement');
    expect(s.context.journeysOffered).toEqual([]);
    [s] = transition(kioskMachine, s, done());
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
  });

  it("an operator's hold and a card left in the reader given meanwhile apply when it is placed", () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), hold);
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_STOP', reason: 'OPERATOR_HOLD' });
    expect(s.value).toBe('lateSettlement');
    [s] = transition(kioskMachine, s, done());
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('OPERATOR_HOLD');
    let [c] = transition(kioskMachine, afterSelfTest(healthyKiosk()), hold);
    [c] = transition(kioskMachine, c, { type: 'CARD_LEFT_IN_READER' });
    [c] = transition(kioskMachine, c, done());
    expect(c.value).toBe('degraded');
    expect(c.context.journeysOffered).not.toContain('balance');
  });

  it('out of service by its devices: held too (the comeback must not place it in service under the settlement)', () => {
    const down = withDevice(withDevice(dispenserDown(), 'cardReader', 'offline'), 'idReader', 'offline');
    let s = afterSelfTest(down);
    expect(s.value).toBe('outOfService');
    [s] = transition(kioskMachine, s, hold);
    expect(s.value).toBe('lateSettlement');
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('lateSettlement');
  });

  it('staff logging in during it: the visit begins; its end is not moved by the done', () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), hold);
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    expect(s.value).toBe('maintenance');
    [s] = transition(kioskMachine, s, done());
    expect(s.value).toBe('maintenance');
  });

  it('a failed or timed-out self test, maintenance and a boot are not taken by the hold; a done elsewhere moves nothing', () => {
    let [f] = initialTransition(kioskMachine, {});
    [f] = transition(kioskMachine, f, { type: 'BOOTED' });
    expect(transition(kioskMachine, f, hold)[0].value).toBe('selfTest');
    const failed = { type: 'xstate.error.actor.selfTest', error: new Error('undecided') } as AnyEventObject;
    [f] = transition(kioskMachine, f, failed as KioskEvent);
    expect(f.context.reason).toBe('SELF_TEST_FAILED');
    expect(transition(kioskMachine, f, hold)[0].value).toBe('outOfService');
    expect(transition(kioskMachine, f, done())[0].value).toBe('outOfService');
    let [t] = initialTransition(kioskMachine, { selfTestTimeoutMs: 10 });
    [t] = transition(kioskMachine, t, { type: 'BOOTED' });
    const timedOut = { type: 'xstate.after.selfTestTimeout.kiosk.selfTest' } as AnyEventObject;
    [t] = transition(kioskMachine, t, timedOut as KioskEvent);
    expect(transition(kioskMachine, t, hold)[0].value).toBe('outOfService');
    const [m] = transition(kioskMachine, afterSelfTest(healthyKiosk()), { type: 'MAINTENANCE_ENTER' });
    expect(transition(kioskMachine, m, hold)[0].value).toBe('maintenance');
    const [ok] = transition(kioskMachine, afterSelfTest(dispenserDown()), done());
    expect(ok.value).toBe('degraded');
  });
});
