/**
 * The fault: after a session ended with its card left in the reader (a card move the reader did
 * not answer, or a retract that failed: card.unaccounted, ADR 0016), the reader refuses every card
 * inserted (DEVICE_BUSY) while the kiosk kept offering every card journey, each then failing at
 * the slot, and nothing told staff or the fleet why. Now the kiosk is placed degraded with the
 * reason CARD_LEFT_IN_READER: the journeys that take a card into the reader are held back, a new
 * card and a loss report stay offered, until the card is taken or retracted, or field staff end a
 * visit (maintenance, then the self test).
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { transition } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, readersDown, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest, healthyKioskThen, selfTestDone } from '../testing/kiosk-self-test.js';

const left: KioskEvent = { type: 'CARD_LEFT_IN_READER' };
const cleared: KioskEvent = { type: 'CARD_LEFT_CLEARED' };
const NO_CARD_INTO_THE_READER = ['issueCard', 'reportLoss'];

describe('kiosk machine: a card left in the reader', () => {
  it('card left in the reader: degraded with CARD_LEFT_IN_READER, no journey that takes a card into it offered', () => {
    const s = healthyKioskThen(left);
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_LEFT_IN_READER');
    expect(s.context.reasons).toEqual(['CARD_LEFT_IN_READER']);
    expect(s.context.journeysOffered).toEqual(NO_CARD_INTO_THE_READER);
  });

  it('stays held back while the devices change, with the devices’ own reasons after it', () => {
    let s = healthyKioskThen(left);
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: withDevice(healthyKiosk(), 'cardPrinter', 'hardwareError'),
    });
    expect(s.value).toBe('degraded');
    expect(s.context.reasons).toEqual(['CARD_LEFT_IN_READER', 'CARD_PRINTER_DOWN']);
    expect(s.context.journeysOffered).toEqual(['reportLoss']);
  });

  it('the card taken or retracted: every journey offered again', () => {
    let s = healthyKioskThen(left);
    expect(s.value).toBe('degraded');
    [s] = transition(kioskMachine, s, cleared);
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reason).toBeUndefined();
  });

  it('field staff end a visit: cleared, placed by the self test again', () => {
    let s = healthyKioskThen(left);
    expect(s.context.reason).toBe('CARD_LEFT_IN_READER');
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_ENTER' });
    expect(s.context.journeysOffered).toEqual([]);
    [s] = transition(kioskMachine, s, { type: 'MAINTENANCE_EXIT' });
    expect(s.value).toBe('selfTest');
    [s] = transition(kioskMachine, s, selfTestDone(healthyKiosk()));
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
  });

  it('reported while the self test runs: applied when the kiosk is placed', () => {
    const s = afterSelfTest(healthyKiosk(), [left]);
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_LEFT_IN_READER');
  });

  it('the card reader (and the ID card reader) down as well: its own fault first, nothing offered', () => {
    const [s] = transition(kioskMachine, afterSelfTest(readersDown('hardwareError')), left);
    expect(s.value).toBe('outOfService');
    expect(s.context.reasons.slice(0, 2)).toEqual(['CARD_READER_DOWN', 'CARD_LEFT_IN_READER']);
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('an operator’s hold stays first; released, the card left still holds the card journeys back', () => {
    let s = healthyKioskThen(left);
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_STOP', reason: 'REMOTE_OUT_OF_SERVICE' });
    expect(s.context.reason).toBe('REMOTE_OUT_OF_SERVICE');
    [s] = transition(kioskMachine, s, { type: 'OPERATOR_RESUME' });
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_LEFT_IN_READER');
  });
});
