/**
 * Fault: the card reader's capture bin is full. Every journey that takes a card into the reader
 * was still offered, and every card not taken back at its end was then refused its retract
 * (DEVICE_BIN_FULL), the card left at the slot. A full capture bin takes those journeys off before
 * a session starts, with a reason of its own for staff and the fleet; a new card made on the spot
 * and a loss report (no card into the reader) stay offered.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { transition } from 'xstate';
import { journeysOffered, serviceReasons } from './journeys-offered.js';
import { kioskMachine } from './kiosk.machine.js';
import { healthyKiosk, withDevice, withSupply } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

const captureBinFull = () =>
  withSupply(healthyKiosk(), 'cardReader', { name: 'captureBin', level: 'full', count: 30 });
const NO_CARD_INTO_THE_READER = ['issueCard', 'reportLoss'];

describe('card capture bin full', () => {
  it('stops offering every journey that takes a card into the reader, keeps a new card and a loss report', () => {
    expect(journeysOffered(captureBinFull())).toEqual(NO_CARD_INTO_THE_READER);
  });

  it('says why with a reason of its own, not the card printer’s or the cash dispenser’s bins', () => {
    expect(serviceReasons(captureBinFull())).toEqual(['CARD_CAPTURE_BIN_FULL']);
  });

  it('the kiosk is degraded with CARD_CAPTURE_BIN_FULL (the status reason staff and the fleet read)', () => {
    const s = afterSelfTest(captureBinFull());
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_CAPTURE_BIN_FULL');
    expect(s.context.journeysOffered).toEqual(NO_CARD_INTO_THE_READER);
  });

  it('a card reader that is down says only that (its bin does not matter then)', () => {
    expect(serviceReasons(withDevice(captureBinFull(), 'cardReader', 'offline'))).toEqual([
      'CARD_READER_DOWN',
    ]);
  });

  it('a nearly full bin, or a reader that reports no bin, holds nothing back', () => {
    const low = withSupply(healthyKiosk(), 'cardReader', { name: 'captureBin', level: 'low', count: 28 });
    expect(journeysOffered(low)).toEqual([...JOURNEYS]);
    const noBin = healthyKiosk().map((s) => (s.kind === 'cardReader' ? { ...s, supplies: [] } : s));
    expect(journeysOffered(noBin)).toEqual([...JOURNEYS]);
  });

  it('offers the card journeys again once field staff emptied the bin', () => {
    let s = afterSelfTest(captureBinFull());
    const emptied = withSupply(captureBinFull(), 'cardReader', { name: 'captureBin', level: 'ok', count: 0 });
    [s] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: emptied });
    expect(s.value).toBe('inService');
    expect(s.context.journeysOffered).toEqual([...JOURNEYS]);
    expect(s.context.reasons).toEqual([]);
  });
});
