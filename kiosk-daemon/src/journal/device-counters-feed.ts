/**
 * Keeps the device counters table following the devices: whenever a device's own counts change
 * (notes dispensed or rejected, a retract, a card captured, a blank taken from the hopper, staff
 * emptying a bin) the new counts are appended, one insert per change. The journeys also record
 * counters right after their acts; this feed catches what happens outside them (issuance, staff).
 */
import type { Cassette } from '@kiosk/device-drivers';
import { KioskError, OneLine, type DeviceStatus } from '@kiosk/domain';
import { deviceCountersOf } from './device-counters-of.js';
import type { DeviceCountersService } from './device-counters.service.js';

/** What the feed needs of the devices (the daemon's DevicesService has it). */
export interface CountedDevices {
  statuses(): DeviceStatus[];
  onAnyStatus(listener: (statuses: DeviceStatus[]) => void): () => void;
  readonly cashDispenser: { cassettes(): readonly Cassette[] };
}

export class DeviceCountersFeed {
  private readonly last = new Map<string, string>();
  /** the feed's records, one at a time in the order the changes were seen */
  private readonly records = new OneLine();
  private off: (() => void) | undefined;

  constructor(
    private readonly counters: DeviceCountersService,
    private readonly devices: CountedDevices,
    private readonly onError: (message: string) => void,
  ) {}

  /** Starts following; the counts now are taken as already recorded (boot reconciled them). */
  start(): void {
    this.off?.();
    for (const status of this.devices.statuses()) this.note(status);
    this.off = this.devices.onAnyStatus((statuses) => {
      for (const status of statuses) {
        const changed = this.note(status);
        if (changed) void this.records.run(() => this.record(status.kind, changed));
      }
    });
  }

  stop(): void {
    this.off?.();
    this.off = undefined;
  }

  /** Waits for the counters queued so far to be written (tests, shutdown). */
  settled(): Promise<void> {
    return this.records.settled();
  }

  /** Remembers the device's counts; returns them when they differ from the last ones seen. */
  private note(status: DeviceStatus): ReturnType<typeof deviceCountersOf> {
    const cassettes = status.kind === 'cashDispenser' ? this.devices.cashDispenser.cassettes() : undefined;
    const counters = deviceCountersOf(status, cassettes);
    if (!counters) return undefined;
    const text = JSON.stringify(counters);
    if (this.last.get(status.kind) === text) return undefined;
    const first = !this.last.has(status.kind);
    this.last.set(status.kind, text);
    return first ? undefined : counters;
  }

  private async record(
    kind: DeviceStatus['kind'],
    counters: NonNullable<ReturnType<typeof deviceCountersOf>>,
  ) {
    try {
      await this.counters.recordCounters(kind, counters);
    } catch (e) {
      this.onError(`device counters of ${kind} not recorded: ${KioskError.from(e).code}`);
    }
  }
}
