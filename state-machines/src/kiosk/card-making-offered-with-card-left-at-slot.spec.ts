/**
 * The fault: a card making's new card was left at the card printer's slot, its retract not done by
 * the offline printer (`card.leftAtSlot`, unsettled in the journal), and the kiosk offered card
 * making again as soon as the printer read online: the offer was decided from the devices alone.
 * The next card making's feed was refused with that card inside, and its reject pulled the other
 * resident's card into the bin under this resident's transaction. Now the daemon tells the kiosk
 * (NEW_CARD_LEFT_AT_SLOT): it is placed degraded with that reason, new cards and replacements held
 * back and the rest offered, until recovery or staff settle the card (NEW_CARD_LEFT_CLEARED).
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { transition } from 'xstate';
import { kioskMachine, type KioskEvent } from './kiosk.machine.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest, healthyKioskThen } from '../testing/kiosk-self-test.js';

const left: KioskEvent = { type: 'NEW_CARD_LEFT_AT_SLOT' };
const cleared: KioskEvent = { type: 'NEW_CARD_LEFT_CLEARED' };
const NO_CARD_MAKING = JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard');

describe('card-making-offered-with-card-left-at-slot', () => {
  it('fault: card making offered with a new card left at the slot: degraded with NEW_CARD_LEFT_AT_SLOT, held back', () => {
    const s = healthyKioskThen(left);
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('NEW_CARD_LEFT_AT_SLOT');
    expect(s.context.reasons).toEqual(['NEW_CARD_LEFT_AT_SLOT']);
    expect(s.context.journeysOffered).toEqual(NO_CARD_MAKING);
  });

  it('fault: the printer reading online again does not offer card making while the card is unsettled', () => {
    let s = healthyKioskThen(left);
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: withDevice(healthyKiosk(), 'cardPrinter', 'offline'),
    });
    expect(s.context.reasons).toEqual(['CARD_PRINTER_DOWN', 'NEW_CARD_LEFT_AT_SLOT']);
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(s.value).toBe('degraded');
    expect(s.context.reasons).toEqual(['NEW_CARD_LEFT_AT_SLOT']);
    expect(s.context.journeysOffered).toEqual(NO_CARD_MAKING);
  });

  it('settled by recovery or staff: card making offered again', () => {
    const s = healthyKioskThen(left, cleared);
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reason).toBeUndefined();
  });

  it('reported while the self test runs or in maintenance: applied when the kiosk is placed', () => {
    expect(afterSelfTest(healthyKiosk(), [left]).context.journeysOffered).toEqual(NO_CARD_MAKING);
    const s = healthyKioskThen({ type: 'MAINTENANCE_ENTER' }, left);
    expect(s.value).toBe('maintenance');
    expect(s.context.journeysOffered).toEqual([]);
  });

  it('with notes left in the presenter too: both reasons in the devices’ order', () => {
    const s = healthyKioskThen({ type: 'CASH_LEFT_IN_PRESENTER' }, left);
    expect(s.context.reasons).toEqual(['NEW_CARD_LEFT_AT_SLOT', 'CASH_LEFT_IN_PRESENTER']);
    expect(s.context.journeysOffered).toEqual(NO_CARD_MAKING.filter((j) => j !== 'withdraw'));
  });
});
