/**
 * In-memory PIN pad emulator: what `npm start` and the demo panel use until a real pad is wired.
 * Control surface: `press(key)` (the UI's on-screen pad or a test), `setFault('offline' | null)`.
 * The digits live only in a private buffer that is zeroed as soon as the `SecurePin` is made.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { SecurePin } from '../common/secure-pin.js';
import { pinCollectionRefusal } from './pin-collection-refusal.js';
import {
  type CollectPinOptions,
  type CollectPinResult,
  type PinPadKey,
  type PinPadKeyEvent,
  type PinPadPort,
} from './pin-pad.port.js';
import { InMemoryEmulator } from '../common/in-memory-emulator.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export type PinPadEmulatorFault = 'offline';

/**
 * The one-time key channel of a collection: the demo UI's on-screen pad may press keys only
 * with the channel of the collection running now; it dies when that collection ends.
 */
export type PinPadChannelEvent =
  { readonly state: 'open'; readonly channel: string } | { readonly state: 'closed' };

interface Collection {
  readonly channel: string;
  readonly length: number;
  readonly digits: number[];
  readonly finish: (result: CollectPinResult) => void;
  readonly fail: (error: KioskError) => void;
  readonly touch: () => void;
}

export class PinPadEmulator extends InMemoryEmulator implements PinPadPort {
  readonly kind = 'pinPad' as const;
  #fault: PinPadEmulatorFault | null = null;
  #collection: Collection | null = null;
  readonly #keyListeners = new Set<(event: PinPadKeyEvent) => void>();
  readonly #channelListeners = new Set<(event: PinPadChannelEvent) => void>();

  /** A collection in progress fails (DEVICE_OFFLINE) before the pad reads closed. */
  override async close(): Promise<void> {
    this.#collection?.fail(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad was closed.'));
    await super.close();
  }

  onKey(listener: (event: PinPadKeyEvent) => void): Unsubscribe {
    this.#keyListeners.add(listener);
    return () => this.#keyListeners.delete(listener);
  }

  /** The one-time channel of each collection as it opens, and its closing. */
  onChannel(listener: (event: PinPadChannelEvent) => void): Unsubscribe {
    this.#channelListeners.add(listener);
    return () => this.#channelListeners.delete(listener);
  }

  /** True while a PIN is being collected (the demo panel shows its pad only then). */
  get collecting(): boolean {
    return this.#collection !== null;
  }

  collectPin(options: CollectPinOptions): Promise<CollectPinResult> {
    const { length, signal, timeoutMs } = options;
    const offline = !this.opened || this.#fault === 'offline';
    const refused = pinCollectionRefusal({ length, offline, collecting: this.#collection !== null });
    if (refused) return Promise.reject(refused);
    if (signal?.aborted) return Promise.resolve({ result: 'cancelled' });

    return new Promise<CollectPinResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const digits: number[] = [];
      const end = () => {
        digits.fill(0);
        digits.length = 0;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#collection = null;
        this.#emitChannel({ state: 'closed' });
      };
      const finish = (result: CollectPinResult) => {
        end();
        resolve(result);
      };
      const fail = (error: KioskError) => {
        end();
        reject(error);
      };
      const onAbort = () => finish({ result: 'cancelled' });
      const touch = () => {
        if (timeoutMs === undefined) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => finish({ result: 'timeout' }), timeoutMs);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const channel = randomUUID();
      this.#collection = { channel, length, digits, finish, fail, touch };
      this.#emitChannel({ state: 'open', channel });
      touch();
    });
  }

  // ---- control surface -------------------------------------------------------------------

  /**
   * A key press on the emulated pad. Returns false only when no PIN is being collected (the key
   * is discarded, as a real pad does outside a collection); a key the pad ignores while
   * collecting (enter too early, a digit beyond the PIN length) is still taken: true.
   */
  press(key: PinPadKey): boolean {
    const c = this.#collection;
    if (!c) return false;
    c.touch();
    if (key === 'cancel') {
      this.#emit({ kind: 'cancel', entered: c.digits.length });
      c.finish({ result: 'cancelled' });
      return true;
    }
    if (key === 'clear') {
      c.digits.fill(0);
      c.digits.length = 0;
      this.#emit({ kind: 'clear', entered: 0 });
      return true;
    }
    if (key === 'enter') {
      this.#emit({ kind: 'enter', entered: c.digits.length });
      if (c.digits.length < c.length) return true; // a real pad beeps
      const pin = SecurePin.fromKeys(c.digits);
      c.finish({ result: 'entered', pin });
      return true;
    }
    if (!/^[0-9]$/.test(key)) return false;
    if (c.digits.length >= c.length) return true; // ignored, as on a real pad
    c.digits.push(Number(key));
    this.#emit({ kind: 'digit', entered: c.digits.length });
    return true;
  }

  /**
   * A key press from a remote pad (the demo UI): taken only on the channel of the collection
   * running now, so a stale or replayed channel can press nothing. Returns whether it was taken.
   */
  pressOnChannel(channel: string, key: PinPadKey): boolean {
    if (!this.#collection || this.#collection.channel !== channel) return false;
    return this.press(key);
  }

  /** 'offline' takes the pad away (a collection in progress fails with DEVICE_OFFLINE). */
  setFault(fault: PinPadEmulatorFault | null): void {
    if (fault !== null && fault !== 'offline') {
      throw noSuchEmulatedFault(fault);
    }
    this.#fault = fault;
    if (fault === 'offline') {
      this.#collection?.fail(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad went offline.'));
    }
    this.publish();
  }

  #emitChannel(event: PinPadChannelEvent): void {
    for (const listener of this.#channelListeners) listener(event);
  }

  #emit(event: PinPadKeyEvent): void {
    const frozen = Object.freeze({ kind: event.kind, entered: event.entered });
    for (const listener of this.#keyListeners) listener(frozen);
  }

  protected makeStatus(): DeviceStatus {
    return this.statusWithoutSupplies({
      offline: this.#fault === 'offline',
      offlineMessage: 'The PIN pad is offline.',
    });
  }
}
