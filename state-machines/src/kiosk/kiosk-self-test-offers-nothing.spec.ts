/**
 * The fault: devices reporting while the self test runs (at boot, or when field staff end a visit)
 * set the journeys offered, although the kiosk was not placed yet. The daemon starts a session on
 * the journeys offered, so a resident could start one while the self test's recovery still settled
 * what the last run left (a card left in the reader being captured, ADR 0016), and the screen listed
 * the journeys during the self test. Met through the real daemon: a full capture bin emptied in a
 * visit changes the reader's status during the self test that follows (e2e
 * card-in-reader-after-crash). Now the statuses are kept and nothing is offered until the self
 * test places the kiosk.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

describe('devices reporting during the self test', () => {
  it('devices reporting during the boot self test offer nothing until it places the kiosk', () => {
    let [s] = initialTransition(kioskMachine, {});
    [s] = transition(kioskMachine, s, { type: 'BOOTED' });
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('selfTest');
    expect(s.context.journeysOffered).toEqual([]);
    expect(s.context.statuses).toEqual(healthyKiosk());
    [s] = transition(kioskMachine, s, {
      type: 'xstate.done.actor.selfTest',
      output: healthyKiosk(),
    } as AnyEventObject as KioskEvent);
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
  });

  it('devices reporting during the self test after a visit offer nothing until it places the kiosk', () => {
    let s = afterSelfTest(healthyKiosk());
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
    expect(s.value).toBe('selfTest');
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('selfTest');
    expect(s.context.journeysOffered).toEqual([]);
  });
});
