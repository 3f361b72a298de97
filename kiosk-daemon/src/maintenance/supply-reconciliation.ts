/**
 * The reconciliation report field staff and auditors read: for every counted supply, since a
 * moment, the journal's count before, what staff refilled (or emptied), what the kiosk used (or
 * the bin took), the journal's count after, and what the device says now. A supply reconciles when
 * before + refilled − used = after (a bin: before + filled − emptied = after) and the device agrees:
 * every rise of a stock and every fall of a bin is explained by a staff act, nothing else.
 */
import type { DeviceKind, ReconciliationLine } from '@kiosk/domain';

export type { ReconciliationLine };
import type { DeviceCounters } from '../journal/device-counters.service.js';
import type { JournaledCounters } from '../journal/maintenance-supply-log.service.js';
import type { MaintenanceSupplyRecord } from '../journal/maintenance-supply.entity.js';

const BINS = new Set(['rejectBin', 'retractBin', 'captureBin']);

/** The journal's counters as supply names: blanks are the card hopper, cassettes `cassette:<id>`. */
export function supplyCounts(counters: DeviceCounters): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of counters.cassettes ?? []) out.set(`cassette:${c.cassette}`, c.notes);
  if (counters.blanks !== undefined) out.set('cardHopper', counters.blanks);
  for (const key of ['ribbon', 'rejectBin', 'retractBin', 'captureBin'] as const) {
    const v = counters[key];
    if (v !== undefined) out.set(key, v);
  }
  return out;
}

/** How much a staff act moved the counter it names. */
export function staffChange(act: MaintenanceSupplyRecord): number {
  if (act.deviceBefore !== null && act.deviceAfter !== null)
    return Math.abs(act.deviceAfter - act.deviceBefore);
  return act.quantity;
}

/**
 * What a stock's refills moved its count by, up and down: a ribbon replaces the count, so a new
 * ribbon of fewer prints than the old one had left lowers it (its fall is staff's, not prints made).
 */
function stockRefills(acts: readonly MaintenanceSupplyRecord[]): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (const a of acts) {
    const moved =
      a.deviceBefore !== null && a.deviceAfter !== null ? a.deviceAfter - a.deviceBefore : a.quantity;
    if (moved >= 0) up += moved;
    else down -= moved;
  }
  return { up, down };
}

export function reconcileSupplies(
  history: readonly JournaledCounters[],
  acts: readonly MaintenanceSupplyRecord[],
  now: ReadonlyMap<DeviceKind, ReadonlyMap<string, number>>,
): ReconciliationLine[] {
  const series = new Map<string, { device: DeviceKind; supply: string; values: number[] }>();
  for (const row of history) {
    for (const [supply, value] of supplyCounts(row.counters)) {
      const key = `${row.kind}|${supply}`;
      const entry = series.get(key) ?? { device: row.kind, supply, values: [] };
      entry.values.push(value);
      series.set(key, entry);
    }
  }
  const lines: ReconciliationLine[] = [];
  for (const { device, supply, values } of series.values()) {
    const role = BINS.has(supply) ? 'bin' : 'stock';
    let rises = 0;
    let falls = 0;
    for (let i = 1; i < values.length; i += 1) {
      const d = values[i]! - values[i - 1]!;
      if (d > 0) rises += d;
      else falls -= d;
    }
    const own = acts.filter(
      (a) => a.kind === device && a.supply === supply && a.action === (role === 'bin' ? 'empty' : 'refill'),
    );
    // a stock: what staff put in, less what a replacement took off (a ribbon of fewer prints)
    const refills = stockRefills(own);
    const staff =
      role === 'bin' ? own.reduce((sum, a) => sum + staffChange(a), 0) : refills.up - refills.down;
    const before = values[0]!;
    const after = values[values.length - 1]!;
    const byKiosk = role === 'stock' ? falls - refills.down : rises;
    const deviceNow = now.get(device)?.get(supply) ?? null;
    const balances =
      role === 'stock' ? before + staff - byKiosk === after : before + byKiosk - staff === after;
    lines.push({
      device,
      supply,
      role,
      before,
      byStaff: staff,
      byKiosk,
      after,
      deviceNow,
      reconciles: balances && (deviceNow === null || deviceNow === after),
    });
  }
  return lines.sort((a, b) => `${a.device}|${a.supply}`.localeCompare(`${b.device}|${b.supply}`));
}
