/**
 * The card blanks' account in the reconciliation report: loaded = issued + spoiled + missing +
 * remaining. A normal day balances at 0; a blank gone with no hand-over, no reject and no staff
 * verdict shows as a difference; emptying the reject bin is not a card spoiled; a printer whose
 * reject bin nobody counts leaves the difference not counted rather than guessed.
 */
import type { DeviceCounters } from '../journal/device-counters.service.js';
import type { JournaledCounters } from '../journal/maintenance-supply-log.service.js';
import type { MaintenanceSupplyRecord } from '../journal/maintenance-supply.entity.js';
import { firstRecordWithoutIssued, reconcileCardBlanks } from './card-blanks-reconciliation.js';

const printer = (...counts: DeviceCounters[]): JournaledCounters[] =>
  counts.map((counters, i) => ({ kind: 'cardPrinter', at: `2026-11-27T08:0${i}:00.000Z`, counters }));

const loaded = (quantity: number, deviceBefore: number | null = null): MaintenanceSupplyRecord =>
  ({
    kind: 'cardPrinter',
    supply: 'cardHopper',
    action: 'refill',
    quantity,
    deviceBefore,
    deviceAfter: deviceBefore === null ? null : deviceBefore + quantity,
  }) as MaintenanceSupplyRecord;

describe('card blanks reconciliation', () => {
  it('a normal day: 40 in the hopper + 20 loaded = 3 issued + 2 spoiled + 55 left, difference 0', () => {
    const history = printer(
      { blanks: 40, rejectBin: 0, issued: 7 },
      { blanks: 39, rejectBin: 0, issued: 8 }, // taken
      { blanks: 38, rejectBin: 1, issued: 8 }, // chip failed
      { blanks: 37, rejectBin: 1, issued: 9 }, // taken
      { blanks: 57, rejectBin: 1, issued: 9 }, // staff loaded 20
      { blanks: 56, rejectBin: 2, issued: 9 }, // not taken, pulled back
      { blanks: 55, rejectBin: 2, issued: 10 }, // taken
    );
    expect(reconcileCardBlanks(history, [loaded(20, 37)], 0)).toEqual({
      hopperBefore: 40,
      loaded: 20,
      issued: 3,
      spoiled: 2,
      missing: 0,
      remaining: 55,
      difference: 0,
      reconciles: true,
    });
  });

  it('fault: a blank gone from the hopper with no hand-over, no reject and no verdict: difference 1, does not reconcile', () => {
    const history = printer(
      { blanks: 40, rejectBin: 0, issued: 0 },
      { blanks: 39, rejectBin: 0, issued: 1 },
      { blanks: 38, rejectBin: 0, issued: 1 }, // fed, never seen again
    );
    expect(reconcileCardBlanks(history, [], 0)).toMatchObject({
      issued: 1,
      spoiled: 0,
      remaining: 38,
      difference: 1,
      reconciles: false,
    });
  });

  it('fault: a card made and not taken is not issued: it is spoiled (pulled into the reject bin), still reconciles', () => {
    const history = printer({ blanks: 40, rejectBin: 0 }, { blanks: 39, rejectBin: 1 });
    expect(reconcileCardBlanks(history, [], 0)).toMatchObject({ issued: 0, spoiled: 1, difference: 0 });
  });

  it('a card staff settled missing explains its blank', () => {
    const history = printer({ blanks: 40, rejectBin: 0, issued: 0 }, { blanks: 39, rejectBin: 0, issued: 0 });
    expect(reconcileCardBlanks(history, [], 1)).toMatchObject({
      missing: 1,
      difference: 0,
      reconciles: true,
    });
  });

  it('staff emptying the reject bin is not a card spoiled; the counts before the first hand-over start from none issued', () => {
    const history = printer(
      { blanks: 40, rejectBin: 5 },
      { blanks: 39, rejectBin: 6 },
      { blanks: 39, rejectBin: 0 }, // emptied
      { blanks: 38, rejectBin: 0, issued: 1 },
    );
    expect(firstRecordWithoutIssued(history)).toBe(history[0]!.at);
    expect(reconcileCardBlanks(history, [], 0)).toMatchObject({ issued: 1, spoiled: 1, difference: 0 });
  });

  it('fault: a period starting in a rollback (its first record from a release without the issued count) counts from the cards issued before it, not from 0', () => {
    const history = printer(
      { blanks: 40, rejectBin: 0 }, // written by the older release: no issued count
      { blanks: 39, rejectBin: 0, issued: 101 }, // upgraded again: the 101st card ever
    );
    expect(firstRecordWithoutIssued(history)).toBe(history[0]!.at);
    expect(reconcileCardBlanks(history, [], 0, 100)).toMatchObject({
      issued: 1,
      difference: 0,
      reconciles: true,
    });
  });

  it('fault: a reject bin counted by neither the printer nor the journal: spoiled and the difference not counted, not reconciled', () => {
    const history = printer({ blanks: 40 }, { blanks: 39 });
    expect(reconcileCardBlanks(history, [], 0)).toMatchObject({
      spoiled: null,
      difference: null,
      reconciles: false,
    });
  });

  it('no card printer counts in the period: no card blanks account', () => {
    expect(reconcileCardBlanks([], [], 0)).toBeUndefined();
  });
});
