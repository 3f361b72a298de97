/**
 * The fault: a withdrawal's retract failed and left its notes in the presenter (`cash.leftInPresenter`),
 * the dispenser still answering (a retract refused as busy): the kiosk kept offering withdrawals, so
 * a resident chose one and was refused at its start. A silent or jammed dispenser took it off the
 * menu already (CASH_DISPENSER_DOWN). Now the daemon tells the kiosk (CASH_LEFT_IN_PRESENTER): it
 * is placed degraded with the reason CASH_LEFT_IN_PRESENTER, withdrawals held back and the rest
 * offered, until the presenter is empty again (CASH_LEFT_CLEARED).
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { transition } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest, healthyKioskThen } from '../testing/kiosk-self-test.js';

const left: KioskEvent = { type: 'CASH_LEFT_IN_PRESENTER' };
const cleared: KioskEvent = { type: 'CASH_LEFT_CLEARED' };
const ALL_BUT_WITHDRAW = JOURNEYS.filter((j) => j !== 'withdraw');

describe('kiosk machine: notes left in the presenter', () => {
  it('withdrawal offered with notes in the presenter: degraded with CASH_LEFT_IN_PRESENTER, withdraw held back', () => {
    const s = healthyKioskThen(left);
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CASH_LEFT_IN_PRESENTER');
    expect(s.context.reasons).toEqual(['CASH_LEFT_IN_PRESENTER']);
    expect(s.context.journeysOffered).toEqual(ALL_BUT_WITHDRAW);
  });

  it('stays held back while the devices change, in the devices’ reason order', () => {
    let s = healthyKioskThen(left);
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: withDevice(healthyKiosk(), 'cardPrinter', 'hardwareError'),
    });
    expect(s.value).toBe('degraded');
    expect(s.context.reasons).toEqual(['CARD_PRINTER_DOWN', 'CASH_LEFT_IN_PRESENTER']);
    expect(s.context.journeysOffered).not.toContain('withdraw');
  });

  it('the presenter empty again: every journey offered', () => {
    const s = healthyKioskThen(left, cleared);
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reason).toBeUndefined();
  });

  it('reported while the self test runs or in maintenance: applied when the kiosk is placed', () => {
    expect(afterSelfTest(healthyKiosk(), [left]).context.journeysOffered).toEqual(ALL_BUT_WITHDRAW);
    const s = healthyKioskThen({ type: 'MAINTENANCE_ENTER' }, left);
    expect(s.value).toBe('maintenance');
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('with a card left in the reader too: both reasons, only what neither needs offered', () => {
    const s = healthyKioskThen(left, { type: 'CARD_LEFT_IN_READER' });
    expect(s.context.reasons).toEqual(['CARD_LEFT_IN_READER', 'CASH_LEFT_IN_PRESENTER']);
    expect(s.context.journeysOffered).toEqual(['issueCard', 'reportLoss']);
  });
});
