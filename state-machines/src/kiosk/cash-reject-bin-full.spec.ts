/**
 * Fault: the cash dispenser's reject bin is full. The dispenser refuses every dispense with
 * DEVICE_BIN_FULL, but only after the host has authorised (the hold is reversed): a resident
 * offered a withdrawal went through the ID card and the face match for nothing. A full reject bin
 * takes withdrawal off the journeys offered, as a full retract bin does, and says why.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { journeysOffered, serviceReasons } from './journeys-offered.js';
import { healthyKiosk, withSupply } from '../testing/device-statuses.js';

const rejectBinFull = () =>
  withSupply(healthyKiosk(), 'cashDispenser', { name: 'rejectBin', level: 'full', count: 50 });

describe('cash reject bin full', () => {
  it('stops offering withdrawal and keeps every other journey', () => {
    expect(journeysOffered(rejectBinFull())).toEqual(JOURNEYS.filter((j) => j !== 'withdraw'));
  });

  it('says why with a reason of its own, not the card printer’s reject bin', () => {
    expect(serviceReasons(rejectBinFull())).toEqual(['CASH_REJECT_BIN_FULL']);
  });

  it('names both bins when the retract bin is full as well', () => {
    const both = withSupply(rejectBinFull(), 'cashDispenser', { name: 'retractBin', level: 'full' });
    expect(journeysOffered(both)).not.toContain('withdraw');
    expect(serviceReasons(both)).toEqual(['RETRACT_BIN_FULL', 'CASH_REJECT_BIN_FULL']);
  });

  it('offers withdrawal again once field staff emptied the bin', () => {
    const emptied = withSupply(rejectBinFull(), 'cashDispenser', {
      name: 'rejectBin',
      level: 'ok',
      count: 0,
    });
    expect(journeysOffered(emptied)).toContain('withdraw');
    expect(serviceReasons(emptied)).toEqual([]);
  });
});
