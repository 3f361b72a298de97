/**
 * A device's status as its port gives it: the last one at once (`current`), every change pushed
 * to the listeners (`publish` after something changed). One copy for every emulator and driver
 * that builds its status from its own state.
 */
import type { DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from './device-port.js';

export class StatusFeed {
  readonly #make: () => DeviceStatus;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  #status: DeviceStatus | undefined;

  /** `make` builds the status from the device's state; it is called at the first `current`. */
  constructor(make: () => DeviceStatus) {
    this.#make = make;
  }

  current(): DeviceStatus {
    this.#status ??= this.#make();
    return this.#status;
  }

  subscribe(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The state changed: the status again, to every listener. */
  publish(): void {
    this.#status = this.#make();
    for (const listener of this.#listeners) listener(this.#status);
  }
}
