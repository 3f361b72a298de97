/**
 * The fault: a ribbon replaced by one of fewer prints than the old one had left (a ribbon swapped
 * early: torn, or another kind) broke the reconciliation report. A ribbon refill sets the count
 * instead of adding to it, so the count fell at the swap: the report took that fall for prints the
 * kiosk made and the swap, by its size alone, for prints staff put in, and the ribbon never
 * reconciled. Now a stock refill counts by the way it moved the device's count: one that lowered
 * it (a shorter ribbon) is staff's, taken off what they put in and not counted as the kiosk's use.
 * In-process: the report built from the journal's counts and staff's act as the journal keeps them.
 */
import { describe, expect, it } from '@jest/globals';
import type { JournaledCounters } from '../journal/maintenance-supply-log.service.js';
import type { MaintenanceSupplyRecord } from '../journal/maintenance-supply.entity.js';
import { reconcileSupplies } from './supply-reconciliation.js';

const ribbonAt = (ribbon: number, minute: number): JournaledCounters => ({
  kind: 'cardPrinter',
  at: new Date(Date.UTC(2026, 10, 29, 9, minute)).toISOString(),
  counters: { ribbon },
});

const ribbonSwap = (deviceBefore: number, deviceAfter: number) =>
  ({
    kind: 'cardPrinter',
    supply: 'ribbon',
    action: 'refill',
    quantity: deviceAfter,
    journalBefore: deviceBefore,
    countedByStaff: null,
    deviceBefore,
    deviceAfter,
  }) as MaintenanceSupplyRecord;

/** The ribbon's line: 120 prints left, 20 made, a ribbon of `fresh` prints in, 5 made on it. */
function ribbonLine(fresh: number) {
  const history = [ribbonAt(120, 0), ribbonAt(100, 1), ribbonAt(fresh, 2), ribbonAt(fresh - 5, 3)];
  const now = new Map([['cardPrinter' as const, new Map([['ribbon', fresh - 5]])]]);
  return reconcileSupplies(history, [ribbonSwap(100, fresh)], now).find((l) => l.supply === 'ribbon');
}

describe('a ribbon replaced in the reconciliation report', () => {
  it("ribbon-replaced-by-shorter-one: the swap lowering the count is staff's, the kiosk made 25 prints, it reconciles", () => {
    expect(ribbonLine(60)).toMatchObject({
      before: 120,
      byStaff: -40,
      byKiosk: 25,
      after: 55,
      deviceNow: 55,
      reconciles: true,
    });
  });

  it('a ribbon of more prints: what staff put in as before', () => {
    expect(ribbonLine(250)).toMatchObject({
      before: 120,
      byStaff: 150,
      byKiosk: 25,
      after: 245,
      reconciles: true,
    });
  });
});
