/**
 * The card printer's status board: the last status the driver made of the printer's reads, and
 * its listeners. A status is pushed only when it differs from the last one in anything but its
 * time, so `status()` never waits and listeners never see the same status twice. A read that
 * failed (of the self test, the bezel watch, the idle status poll or a staff refill) holds the
 * printer offline with the error's code until one answers; already offline with that code, the
 * fault stands as it is.
 */
import { type DeviceStatus, KioskError, type SupplyStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { WireFailure } from './card-printer-replenishment.js';

export class EvolisStatusBoard {
  #current: DeviceStatus;
  readonly #listeners = new Set<(s: DeviceStatus) => void>();

  /** `driverName`: the name in the status model (default evolis) */
  constructor(private readonly driverName: string | undefined) {
    this.#current = this.statusOf('offline', []);
  }

  /** The last status pushed. */
  get current(): DeviceStatus {
    return this.#current;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  statusOf(
    device: DeviceStatus['device'],
    supplies: readonly SupplyStatus[],
    fault?: KioskError,
  ): DeviceStatus {
    return {
      kind: 'cardPrinter',
      device,
      supplies,
      ...(fault ? { fault: { code: fault.code, message: fault.message } } : {}),
      driver: this.driverName ?? 'evolis',
      updatedAt: new Date().toISOString(),
    };
  }

  /**
   * The printer offline without a fault (its line closed or dropped, or its status reading
   * offline); its supplies as last read unless given.
   */
  offline(supplies: readonly SupplyStatus[] = this.#current.supplies): void {
    this.publish(this.statusOf('offline', supplies));
  }

  /** The printer busy with a command of the driver's: the last status otherwise. */
  busy(): void {
    this.publish({ ...this.#current, device: 'busy', updatedAt: new Date().toISOString() });
  }

  /** Pushes a status that differs from the last one in anything but its time. */
  publish(status: DeviceStatus): void {
    const same = (a: DeviceStatus) => JSON.stringify({ ...a, updatedAt: '' });
    if (same(status) === same(this.#current)) return;
    this.#current = status;
    for (const listener of this.#listeners) listener(status);
  }

  /**
   * A read (or the open before a self test) that failed: offline with its code, until one answers.
   * Already offline with that code, whichever read met it, the fault stands as it is: a status poll
   * and a bezel read failing in turn do not flap between their two messages.
   */
  readFailed(error: unknown, what: 'self test' | 'bezel read' | WireFailure): void {
    const { code } = KioskError.from(error); // its text may name other things: the code only
    if (this.#current.device === 'offline' && this.#current.fault?.code === code) return;
    const message = `The card printer's ${what} failed (${code}); it is tried again at the next self test.`;
    this.publish(this.statusOf('offline', this.#current.supplies, new KioskError(code, message)));
  }
}
