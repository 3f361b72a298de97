/**
 * The device counters at boot, before recovery settles anything: a dispenser that counts nothing
 * itself gets the journal's last counts back, then every device's own counts are compared with the
 * journal's last record of them and recorded as the new truth. After this the
 * `DeviceCountersFeed` follows every change.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { DEVICE_KINDS, type DeviceStatus } from '@kiosk/domain';
import { countersDiffer, deviceCountersOf, withJournalCounts } from './device-counters-of.js';
import type { DeviceCounters, DeviceCountersService } from './device-counters.service.js';

/** What reconciling needs of the devices (the daemon's DevicesService has it). */
export interface ReconciledDevices {
  statuses(): DeviceStatus[];
  readonly cashDispenser: CashDispenserPort;
}

export interface ReconcileLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Compares what every device counts now with the journal's last record of it, records the
 * device's own counts as the new truth, and returns each difference (`kind.counter: a → b`):
 * notes or cards that moved while the journal could not follow (a crash), or staff refilling.
 */
export async function reconcileDeviceCounters(
  counters: DeviceCountersService,
  devices: ReconciledDevices,
  log: ReconcileLog,
): Promise<string[]> {
  // the notes of a dispenser that counts nothing itself come from the journal: never guessed
  const recorded = await counters.latestCounters(
    devices.cashDispenser.countsFromJournal ? ['cashDispenser'] : [],
  );
  restoreDispenserCounts(devices.cashDispenser, recorded.cashDispenser?.counters, log);
  const differences: string[] = [];
  for (const kind of DEVICE_KINDS) {
    const status = devices.statuses().find((s) => s.kind === kind);
    if (!status) continue;
    const cassettes = kind === 'cashDispenser' ? devices.cashDispenser.cassettes() : undefined;
    const counted = deviceCountersOf(status, cassettes);
    if (!counted) continue;
    const before = recorded[kind]?.counters;
    // a count the journal keeps where the device has none (a reject bin the printer does not count)
    const now = withJournalCounts(kind, counted, before);
    const differ = before ? countersDiffer(before, now) : [];
    for (const d of differ) differences.push(`${kind}.${d.counter}: ${d.recorded ?? '-'} → ${d.now ?? '-'}`);
    // `now` carries the journal's count from `recorded`, read above: not read again to carry it
    if (!before || differ.length > 0) await counters.recordCounters(kind, now, undefined, { carried: true });
  }
  if (differences.length > 0) {
    log.warn(`device counters moved since the journal last recorded them: ${differences.join('; ')}`);
  }
  return differences;
}

/**
 * A dispenser that counts nothing itself (a real LCDM) starts from the configured counts: the
 * notes left are what the journal last recorded, set before anything compares or dispenses.
 */
function restoreDispenserCounts(
  dispenser: CashDispenserPort,
  kept: DeviceCounters | undefined,
  log: ReconcileLog,
): void {
  if (!dispenser.countsFromJournal || !dispenser.restoreCounts || !kept?.cassettes) return;
  dispenser.restoreCounts({
    cassettes: kept.cassettes,
    ...(kept.rejectBin !== undefined && { rejectBin: kept.rejectBin }),
    ...(kept.retractBin !== undefined && { retractBin: kept.retractBin }),
  });
  const notes = kept.cassettes.map((c) => `${c.cassette} ${c.notes}`).join(', ');
  log.log(`cash dispenser counts restored from the journal: ${notes}`);
}
