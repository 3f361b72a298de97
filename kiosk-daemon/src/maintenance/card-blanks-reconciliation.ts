/**
 * The card blanks over a reconciliation report's period, every one accounted for (RULES.md): the
 * blanks in the hopper at the start plus those staff loaded = the cards issued (the journal's
 * hand-overs, `journeys/cards-issued.ts`) + the cards spoiled into the reject bin + the cards staff
 * found missing + the blanks in the hopper at the end. What none of these explains is the
 * difference a field engineer and the fleet operator look for: 0 on a normal day, never hidden.
 *
 * Read from the journal's card printer counters in the period: the hopper's first and last count,
 * the issued count's and the reject bin's rises (staff emptying the bin is a fall, not a card), and
 * staff's refills of the hopper (`maintenance_supply`), as the supply lines read them.
 */
import type { CardBlanksReconciliation } from '@kiosk/domain';
import type { DeviceCounters } from '../journal/device-counters.service.js';
import type { JournaledCounters } from '../journal/maintenance-supply-log.service.js';
import type { MaintenanceSupplyRecord } from '../journal/maintenance-supply.entity.js';
import { staffChange } from './supply-reconciliation.js';

/** What a series of counts rose by, in all (its falls are staff's, not the kiosk's). */
function rises(values: readonly number[]): number {
  let up = 0;
  for (let i = 1; i < values.length; i += 1) up += Math.max(0, values[i]! - values[i - 1]!);
  return up;
}

const defined = (values: readonly (number | undefined)[]): number[] =>
  values.filter((v): v is number => v !== undefined);

/** The period's first card printer record, when it holds no issued count: its time, to read the count as of then. */
export function firstRecordWithoutIssued(history: readonly JournaledCounters[]): string | undefined {
  const first = history.find((r) => r.kind === 'cardPrinter');
  return first && first.counters.issued === undefined ? first.at : undefined;
}

/**
 * The period's card blanks; undefined when the card printer's hopper count was not recorded in it.
 * `missing`: the card makings staff settled as found nowhere in the period. `issuedAtStart`: the
 * cards issued as of the period's first record when that record holds no count
 * (`firstRecordWithoutIssued`; the last hand-over journaled before it, 0 when none): a record
 * written before the first card was counted, or by a release without the count during a rollback.
 * Counted from 0 instead, a period starting in a rollback took every card ever issued for its own.
 */
export function reconcileCardBlanks(
  history: readonly JournaledCounters[],
  acts: readonly MaintenanceSupplyRecord[],
  missing: number,
  issuedAtStart = 0,
): CardBlanksReconciliation | undefined {
  const printer: DeviceCounters[] = history.filter((r) => r.kind === 'cardPrinter').map((r) => r.counters);
  const hopper = defined(printer.map((c) => c.blanks));
  if (hopper.length === 0) return undefined;
  const issued = rises([
    printer[0]!.issued ?? issuedAtStart,
    ...defined(printer.slice(1).map((c) => c.issued)),
  ]);
  const bin = defined(printer.map((c) => c.rejectBin));
  const spoiled = bin.length === 0 ? null : rises(bin);
  const loaded = acts
    .filter((a) => a.kind === 'cardPrinter' && a.supply === 'cardHopper' && a.action === 'refill')
    .reduce((sum, a) => sum + staffChange(a), 0);
  const hopperBefore = hopper[0]!;
  const remaining = hopper[hopper.length - 1]!;
  const difference = spoiled === null ? null : hopperBefore + loaded - issued - spoiled - missing - remaining;
  return {
    hopperBefore,
    loaded,
    issued,
    spoiled,
    missing,
    remaining,
    difference,
    reconciles: difference === 0,
  };
}
