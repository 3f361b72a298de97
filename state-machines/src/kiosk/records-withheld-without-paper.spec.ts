/**
 * Fault: with the receipt printer out of paper (or offline) the records journey was not offered at
 * all, so a resident could not even see the balance and the last 20 records on screen. RULES.md:
 * "no paper -> no record printing ... the rest stays up". The records stay offered; only their
 * printing is withheld (the records machine's `printAvailable`), and the kiosk says why: degraded,
 * PAPER_EMPTY or RECEIPT_PRINTER_DOWN, never "in service" while it cannot print.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import type { DeviceState } from '@kiosk/domain';
import { transition } from 'xstate';
import { journeysOffered, serviceReasons } from './journeys-offered.js';
import { kioskMachine } from './kiosk.machine.js';
import { healthyKiosk, withDevice, withSupply } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

const paperOut = () => withSupply(healthyKiosk(), 'receiptPrinter', { name: 'paper', level: 'empty' });

describe('records withheld without paper', () => {
  it('fault: paper out offers the records on screen, with every other journey', () => {
    expect(journeysOffered(paperOut())).toEqual([...JOURNEYS]);
    expect(serviceReasons(paperOut())).toEqual(['PAPER_EMPTY']);
  });

  it.each<DeviceState>(['offline', 'hardwareError', 'powerOff'])(
    'fault: a receipt printer %s offers the records on screen',
    (state) => {
      const statuses = withDevice(healthyKiosk(), 'receiptPrinter', state);
      expect(journeysOffered(statuses)).toContain('records');
      expect(serviceReasons(statuses)).toEqual(['RECEIPT_PRINTER_DOWN']);
    },
  );

  it('stays degraded with PAPER_EMPTY though every journey is offered', () => {
    const s = afterSelfTest(paperOut());
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('PAPER_EMPTY');
    expect(s.context.journeysOffered).toContain('records');
  });

  it('goes in service again once the paper is back', () => {
    const s = afterSelfTest(paperOut());
    const [back] = transition(kioskMachine, s, { type: 'DEVICES_CHANGED', statuses: healthyKiosk() });
    expect(back.value).toBe('inService');
    expect(back.context.reasons).toEqual([]);
  });
});
