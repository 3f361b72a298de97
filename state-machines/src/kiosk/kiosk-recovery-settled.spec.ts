/**
 * Fault: a withdrawal boot recovery left for staff because the cash dispenser did not answer held
 * the kiosk out of service (SELF_TEST_FAILED) until field staff came, although the dispenser came
 * back by itself minutes later and the daemon settled the withdrawal then (ADR 0020): devices
 * coming and going never place a kiosk whose self test failed. The daemon now says so
 * (RECOVERY_SETTLED with the statuses), and the kiosk is placed by its devices as after a self
 * test; a self test that timed out, maintenance and a kiosk in service are not moved by it.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { initialTransition, transition, type AnyEventObject } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

/** The boot's self test failed: recovery left a withdrawal undecided. */
function selfTestFailed() {
  let [s] = initialTransition(kioskMachine, {});
  [s] = transition(kioskMachine, s, { type: 'BOOTED' });
  const failed = { type: 'xstate.error.actor.selfTest', error: new Error('undecided') } as AnyEventObject;
  [s] = transition(kioskMachine, s, failed as KioskEvent);
  return s;
}

const settled = (statuses = healthyKiosk()): KioskEvent => ({ type: 'RECOVERY_SETTLED', statuses });

describe('kiosk machine: what a failed self test left settled without staff', () => {
  it('withdrawal left for the dispenser settled when it came back: placed in service by the devices', () => {
    let s = selfTestFailed();
    expect(s.value).toBe('outOfService');
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('outOfService'); // devices alone do not lift it
    [s] = transition(kioskMachine, s, settled());
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reason).toBeUndefined();
  });

  it('placed by the statuses it carries: degraded with the reason of a device still down', () => {
    let [s] = [selfTestFailed()];
    [s] = transition(kioskMachine, s, settled(withDevice(healthyKiosk(), 'cardPrinter', 'offline')));
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_PRINTER_DOWN');
  });

  it("an operator's hold given meanwhile still holds it, with the operator's reason", () => {
    let [s] = [selfTestFailed()];
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_STOP', reason: 'OPERATOR_HOLD' });
    [s] = transition(kioskMachine, s, settled());
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('OPERATOR_HOLD');
  });

  it('a self test that timed out, maintenance and a kiosk in service are not moved by it', () => {
    let [s] = initialTransition(kioskMachine, { selfTestTimeoutMs: 10 });
    [s] = transition(kioskMachine, s, { type: 'BOOTED' });
    const timedOut = { type: 'xstate.after.selfTestTimeout.kiosk.selfTest' } as AnyEventObject;
    [s] = transition(kioskMachine, s, timedOut as KioskEvent);
    expect(s.context.reason).toBe('SELF_TEST_TIMEOUT');
    [s] = transition(kioskMachine, s, settled());
    expect(s.value).toBe('outOfService');
    let [m] = transition(kioskMachine, selfTestFailed(), { type: 'MAINTENANCE_ENTER' });
    [m] = transition(kioskMachine, m, settled());
    expect(m.value).toBe('maintenance');
    const [ok] = transition(
      kioskMachine,
      afterSelfTest(withDevice(healthyKiosk(), 'cardPrinter', 'offline')),
      settled(),
    );
    expect(ok.value).toBe('degraded');
    expect(ok.context.reason).toBe('CARD_PRINTER_DOWN');
  });
});
