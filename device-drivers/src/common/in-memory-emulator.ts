/**
 * What every in-memory emulator (camera, ID reader, PIN pad, cash dispenser) does alike: `open`
 * marks it opened, `close` not, each telling its status listeners; `status` and `onStatus` are its
 * `StatusFeed`. The emulator says how its status reads (`makeStatus`) and calls `publish` after
 * its own state changed.
 */
import { ErrorCode, type DeviceKind, type DeviceStatus } from '@kiosk/domain';
import type { DevicePort, Unsubscribe } from './device-port.js';
import { StatusFeed } from './status-feed.js';

export abstract class InMemoryEmulator implements DevicePort {
  abstract readonly kind: DeviceKind;
  readonly #feed = new StatusFeed(() => this.makeStatus());
  #opened = false;

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#opened = true;
    this.publish();
  }

  async close(): Promise<void> {
    this.#opened = false;
    this.publish();
  }

  status(): DeviceStatus {
    return this.#feed.current();
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#feed.subscribe(listener);
  }

  /** Between `open` and `close`. */
  protected get opened(): boolean {
    return this.#opened;
  }

  /** The status as the emulator's state gives it now. */
  protected abstract makeStatus(): DeviceStatus;

  /**
   * The status of an emulator without supplies: offline while closed or while its `offline`
   * fault is set (told with `offlineMessage`), else busy while `busy`, else online.
   */
  protected statusWithoutSupplies(state: {
    readonly offline: boolean;
    readonly offlineMessage: string;
    readonly busy?: boolean;
  }): DeviceStatus {
    const offline = !this.#opened || state.offline;
    return {
      kind: this.kind,
      device: offline ? 'offline' : state.busy ? 'busy' : 'online',
      supplies: [],
      ...(state.offline ? { fault: { code: ErrorCode.DEVICE_OFFLINE, message: state.offlineMessage } } : {}),
      driver: 'emulator',
      updatedAt: new Date().toISOString(),
    };
  }

  /** The emulator's state changed: its status again, to every listener. */
  protected publish(): void {
    this.#feed.publish();
  }
}
