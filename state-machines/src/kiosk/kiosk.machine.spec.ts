import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import type { DeviceStatus } from '@kiosk/domain';
import { SimulatedClock, createActor, fromPromise, initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { kioskMachine, kioskModeOf } from './kiosk.machine.js';
import type { KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, readersDown, withDevice, withSupply } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

describe('kiosk machine (pure transitions)', () => {
  it('boots, then runs the self test when told the daemon is up', () => {
    let [s, actions] = initialTransition(kioskMachine, {});
    expect(s.value).toBe('booting');
    [s, actions] = transition(kioskMachine, s, { type: 'BOOTED' });
    expect(s.value).toBe('selfTest');
    expect(actions.some((a) => a.type === 'xstate.spawnChild')).toBe(true);
  });

  it('goes in service when every journey can be offered', () => {
    const s = afterSelfTest(healthyKiosk());
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reason).toBeUndefined();
  });

  it('goes degraded with a reason when some journeys cannot be offered', () => {
    const s = afterSelfTest(
      withSupply(healthyKiosk(), 'cardPrinter', { name: 'cardHopper', level: 'empty' }),
    );
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_STOCK_EMPTY');
    expect(s.context.journeysOffered).not.toContain('issueCard');
  });

  it('goes out of service with CARD_READER_DOWN when the card reader and the ID card reader are offline', () => {
    const s = afterSelfTest(readersDown());
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('CARD_READER_DOWN');
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('goes out of service with SELF_TEST_FAILED when the self test fails', () => {
    let [s] = initialTransition(kioskMachine, {});
    [s] = transition(kioskMachine, s, { type: 'BOOTED' });
    [s] = transition(kioskMachine, s, {
      type: 'xstate.error.actor.selfTest',
      error: new Error('x'),
    } as AnyEventObject as KioskEvent);
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('SELF_TEST_FAILED');
  });

  it('stays out of service after a failed self test whatever the devices say, until maintenance runs it again', () => {
    let [s] = initialTransition(kioskMachine, {});
    [s] = transition(kioskMachine, s, { type: 'BOOTED' });
    [s] = transition(kioskMachine, s, {
      type: 'xstate.error.actor.selfTest',
      error: new Error('recovery could not settle a withdrawal'),
    } as AnyEventObject as KioskEvent);
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_RESUME' });
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('SELF_TEST_FAILED');
    expect(s.context.journeysOffered).toEqual([]);
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
    expect(s.value).toBe('selfTest');
  });

  it('moves between in service, degraded and out of service as devices change', () => {
    let s = afterSelfTest(healthyKiosk());
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: withDevice(healthyKiosk(), 'cashDispenser', 'offline'),
    });
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CASH_DISPENSER_DOWN');
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: readersDown(),
    });
    expect(s.value).toBe('outOfService');
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('inService');
    expect(s.context.reason).toBeUndefined();
  });

  it('offers nothing in maintenance, whatever the devices say, and self-tests on exit', () => {
    let s = afterSelfTest(healthyKiosk());
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    expect(s.value).toBe('maintenance');
    expect(s.context.journeysOffered).toEqual([]);
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('maintenance');
    expect(s.context.journeysOffered).toEqual([]);
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
    expect(s.value).toBe('selfTest');
  });

  it('enters maintenance from out of service', () => {
    let s = afterSelfTest(readersDown());
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    expect(s.value).toBe('maintenance');
  });

  it('reports the mode the kiosk view uses', () => {
    expect(kioskModeOf(afterSelfTest(healthyKiosk()))).toBe('inService');
  });
});

describe('kiosk machine (actors on a simulated clock)', () => {
  it('runs the provided self test and settles in service', async () => {
    const clock = new SimulatedClock();
    const actor = createActor(
      kioskMachine.provide({ actors: { selfTest: fromPromise(async () => healthyKiosk()) } }),
      { clock, input: {} },
    ).start();
    actor.send({ type: 'BOOTED' });
    await waitFor(actor, (s) => s.matches('inService'));
    expect(actor.getSnapshot().context.statuses).toHaveLength(7);
  });

  it('announces that service stopped, with the reason, so the daemon ends a running session', async () => {
    const clock = new SimulatedClock();
    const actor = createActor(
      kioskMachine.provide({ actors: { selfTest: fromPromise(async () => healthyKiosk()) } }),
      { clock, input: {} },
    ).start();
    const stops: string[] = [];
    actor.on('serviceStopped', (e) => stops.push(e.reason));
    actor.send({ type: 'BOOTED' });
    await waitFor(actor, (s) => s.matches('inService'));
    actor.send({ type: 'DEVICES_CHANGED', statuses: withDevice(healthyKiosk(), 'cashDispenser', 'offline') });
    expect(stops).toEqual([]);
    actor.send({ type: 'DEVICES_CHANGED', statuses: readersDown() });
    actor.send({ type: 'MAINTENANCE_ENTER' });
    expect(stops).toEqual(['CARD_READER_DOWN', 'MAINTENANCE']);
  });

  it('goes out of service with SELF_TEST_TIMEOUT when the self test hangs', () => {
    const clock = new SimulatedClock();
    let aborted = false;
    const selfTest = fromPromise<DeviceStatus[]>(
      ({ signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    const actor = createActor(kioskMachine.provide({ actors: { selfTest } }), {
      clock,
      input: { selfTestTimeoutMs: 10_000 },
    }).start();
    actor.send({ type: 'BOOTED' });
    clock.increment(9_999);
    expect(actor.getSnapshot().value).toBe('selfTest');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('outOfService');
    expect(actor.getSnapshot().context.reason).toBe('SELF_TEST_TIMEOUT');
    expect(aborted).toBe(true);
  });
});
