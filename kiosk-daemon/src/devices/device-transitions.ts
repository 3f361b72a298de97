/**
 * One log line per change of a device, for the field engineer reading the log after a fault: the
 * device kind, its state from → to, the fault code, the supplies whose level moved (`cashDispenser:
 * online → offline, code DEVICE_TIMEOUT`; `receiptPrinter: online, paper low → empty`). A change is
 * told once: the heartbeats that read the same state again (only `updatedAt` new) say nothing, nor
 * does a device going busy at its work and online again (both serve). At
 * warn when something got worse (a state less usable, a supply lower or a bin fuller, a new fault
 * code), at info when it got better. No fault message and no reader name is written: codes, states
 * and supply levels only, which carry no personal data.
 */
import type { DeviceKind, DeviceState, DeviceStatus, SupplyLevel } from '@kiosk/domain';

/** a change of one device between two statuses of it */
export interface DeviceTransition {
  readonly kind: DeviceKind;
  /** something got worse: told at warn; else at info */
  readonly worse: boolean;
  readonly line: string;
}

/** how far from usable: online or busy serve, a user error waits for a person, the rest do not */
const STATE_RANK: Record<DeviceState, number> = {
  online: 0,
  busy: 0,
  userError: 1,
  hardwareError: 2,
  offline: 2,
  powerOff: 2,
  noDevice: 2,
};

/** how far from serving: stock low or unknown, empty, a bin full, a unit missing */
const LEVEL_RANK: Record<SupplyLevel | 'none', number> = {
  ok: 0,
  low: 1,
  unknown: 1,
  none: 1,
  empty: 2,
  full: 2,
  missing: 2,
};

/** The change from `from` to `to` of one device, or none when only the time of the reading moved. */
export function deviceTransition(from: DeviceStatus, to: DeviceStatus): DeviceTransition | undefined {
  const levels = (status: DeviceStatus) => new Map(status.supplies.map((s) => [s.name, s.level] as const));
  const before = levels(from);
  const after = levels(to);
  const supplies = [...new Set([...before.keys(), ...after.keys()])]
    .map((name) => ({
      name,
      from: before.get(name) ?? ('none' as const),
      to: after.get(name) ?? ('none' as const),
    }))
    .filter((s) => s.from !== s.to);
  const fromCode = from.fault?.code;
  const toCode = to.fault?.code;
  const stateWorse = STATE_RANK[to.device] - STATE_RANK[from.device];
  // online and busy both serve: a device at work (a card moved, a receipt printed) is no change
  const stateMoved = from.device !== to.device && (stateWorse !== 0 || STATE_RANK[to.device] !== 0);
  if (!stateMoved && fromCode === toCode && supplies.length === 0) return undefined;

  const supplyWorse = supplies.some((s) => LEVEL_RANK[s.to] > LEVEL_RANK[s.from]);
  const worse =
    stateWorse > 0 || (stateWorse === 0 && (supplyWorse || (toCode !== undefined && toCode !== fromCode)));

  const parts = [from.device === to.device ? to.device : `${from.device} → ${to.device}`];
  if (fromCode !== toCode) parts.push(`code ${fromCode ?? 'none'} → ${toCode ?? 'none'}`);
  else if (toCode !== undefined) parts.push(`code ${toCode}`);
  parts.push(...supplies.map((s) => `${s.name} ${s.from} → ${s.to}`));
  return { kind: to.kind, worse, line: `${to.kind}: ${parts.join(', ')}` };
}

/** What the log needs of the devices (the daemon's DevicesService has it). */
export interface WatchedDevices {
  statuses(): DeviceStatus[];
  onAnyStatus(listener: (statuses: DeviceStatus[]) => void): () => void;
}

/** Where the lines go: Nest's logger (pino under it) in the daemon. */
export interface TransitionLogger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * Follows the devices from the statuses they have when started (those are not told: boot says how
 * each device opened) and logs every change after, once.
 */
export function logDeviceTransitions(devices: WatchedDevices, logger: TransitionLogger): () => void {
  const last = new Map<DeviceKind, DeviceStatus>(devices.statuses().map((s) => [s.kind, s]));
  return devices.onAnyStatus((statuses) => {
    for (const status of statuses) {
      const before = last.get(status.kind);
      last.set(status.kind, status);
      const change = before && deviceTransition(before, status);
      if (!change) continue;
      if (change.worse) logger.warn(change.line);
      else logger.log(change.line);
    }
  });
}
