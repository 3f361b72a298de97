/**
 * A fake ID reader port for the reopen's unit specs (one unit, a simulated clock): offline until
 * its self test finds it answering (`answers`), then online, and offline again `upForMs` later when
 * set (a device that comes back and drops at once); its opens timed, its statuses pushed.
 */
import type { DevicePort } from '@kiosk/device-drivers';
import type { DeviceState, DeviceStatus } from '@kiosk/domain';

export class FakeReaderPort implements DevicePort {
  readonly kind = 'idReader' as const;
  state: DeviceState = 'offline';
  missingReader: string | undefined;
  answers = false;
  upForMs: number | undefined;
  readonly opens: number[] = [];
  readonly #listeners = new Set<(s: DeviceStatus) => void>();

  open(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  status(): DeviceStatus {
    return {
      kind: this.kind,
      device: this.state,
      supplies: [],
      ...(this.missingReader
        ? { fault: { code: 'DEVICE_OFFLINE', message: 'x', missingReader: this.missingReader } }
        : {}),
      driver: 'fake',
      updatedAt: new Date(0).toISOString(),
    };
  }
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  async selfTest(): Promise<DeviceStatus> {
    this.opens.push(Date.now());
    if (this.answers) this.comesBack();
    return this.status();
  }
  /** online now, offline again `upForMs` later (when set) */
  comesBack(): void {
    this.set('online');
    if (this.upForMs !== undefined) setTimeout(() => this.set('offline'), this.upForMs);
  }
  set(state: DeviceState): void {
    this.state = state;
    for (const listener of this.#listeners) listener(this.status());
  }
}
