/** An operator's out-of-service hold from the fleet monitor, as pure transitions. */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { createActor, fromPromise, transition, waitFor } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, readersDown, withSupply } from '../testing/device-statuses.js';
import { afterSelfTest, selfTestDone } from '../testing/kiosk-self-test.js';

const stop: KioskEvent = { type: 'OPERATOR_STOP', reason: 'REMOTE_OUT_OF_SERVICE' };

describe('kiosk machine: operator hold', () => {
  it('takes a kiosk in service out of service with the operator reason, offering nothing', () => {
    const [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('REMOTE_OUT_OF_SERVICE');
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('announces that service stopped for the operator, so the daemon ends a running session', async () => {
    const actor = createActor(
      kioskMachine.provide({ actors: { selfTest: fromPromise(async () => healthyKiosk()) } }),
      { input: {} },
    ).start();
    const stops: string[] = [];
    actor.on('serviceStopped', (e) => stops.push(e.reason));
    actor.send({ type: 'BOOTED' });
    await waitFor(actor, (snapshot) => snapshot.matches('inService'));
    actor.send(stop);
    expect(stops).toEqual(['REMOTE_OUT_OF_SERVICE']);
    actor.stop();
  });

  it('stays out of service while held, whatever the devices report', () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('REMOTE_OUT_OF_SERVICE');
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('released, goes back to what the devices allow: in service, or degraded with its reason', () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_RESUME' });
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.operatorStop).toBeUndefined();

    const noPaper = withSupply(healthyKiosk(), 'receiptPrinter', { name: 'paper', level: 'empty' });
    [s] = transition(kioskMachine, s, stop);
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: noPaper });
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_RESUME' });
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('PAPER_EMPTY');
  });

  it('released while a device is down: stays out of service for the device reason', () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: readersDown(),
    });
    expect(s.context.reasons).toEqual(['REMOTE_OUT_OF_SERVICE', 'CARD_READER_DOWN', 'ID_READER_DOWN']);
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_RESUME' });
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('CARD_READER_DOWN');
  });

  it('a hold set during maintenance applies once the self test places the kiosk', () => {
    let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), { type: 'MAINTENANCE_ENTER' });
    [s] = transition(kioskMachine, s, stop);
    expect(s.value).toBe('maintenance');
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
    [s] = transition(kioskMachine, s, selfTestDone(healthyKiosk()));
    expect(s.value).toBe('outOfService');
    expect(s.context.reason).toBe('REMOTE_OUT_OF_SERVICE');
  });

  describe('the end of a maintenance visit (ADR 0010)', () => {
    it('plain log-out keeps the operator hold: out of service after the self test, devices healthy', () => {
      let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
      [s] = transition(kioskMachine, s, selfTestDone(healthyKiosk()));
      expect(s.value).toBe('outOfService');
      expect(s.context.reason).toBe('REMOTE_OUT_OF_SERVICE');
      expect(s.context.operatorStop).toBe('REMOTE_OUT_OF_SERVICE');
    });

    it('return to service releases the hold: in service after the self test', () => {
      let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_RETURN_TO_SERVICE' });
      expect(s.value).toBe('selfTest');
      expect(s.context.operatorStop).toBeUndefined();
      [s] = transition(kioskMachine, s, selfTestDone(healthyKiosk()));
      expect(s.value).toBe('inService');
      expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    });

    it('return to service with a device still down: the hold is gone, the device keeps it out', () => {
      let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_RETURN_TO_SERVICE' });
      [s] = transition(kioskMachine, s, selfTestDone(readersDown()));
      expect(s.value).toBe('outOfService');
      expect(s.context.reason).toBe('CARD_READER_DOWN');
      expect(s.context.reasons).not.toContain('REMOTE_OUT_OF_SERVICE');
    });

    it('return to service outside a visit does nothing: the hold stays', () => {
      let [s] = transition(kioskMachine, afterSelfTest(healthyKiosk()), stop);
      [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_RETURN_TO_SERVICE' });
      expect(s.value).toBe('outOfService');
      expect(s.context.operatorStop).toBe('REMOTE_OUT_OF_SERVICE');
    });
  });
});
