/**
 * The daemon opens again a device gone offline at the waits its profile sets (`devices.reopen`,
 * ADR 0020), not at the domain's 5 s and 60 s whatever the file says: a field engineer's first
 * interval and cap reach the reopen. The daemon's devices on the test profile's emulators, the ID
 * reader (its serial road) a port of one unit whose opens are timed on a simulated clock. Also the
 * profile's `pin.triesQueryAtrs` reaches the card reader: a card type not listed is asked no count
 * (ADR 0006).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import type { Ga467IdReader } from '@kiosk/device-drivers';
import type { DeviceState, DeviceStatus } from '@kiosk/domain';
import { DevicesService } from './devices.service.js';
import { withInMemoryPadAndCamera } from './in-memory-pad-and-camera.spec-support.js';

/** An ID reader that stays offline once pulled, its self tests timed on the simulated clock. */
class SilentIdReader {
  readonly kind = 'idReader' as const;
  state: DeviceState = 'offline';
  readonly opens: number[] = [];
  readonly #listeners = new Set<(s: DeviceStatus) => void>();

  open(): Promise<void> {
    this.set('online');
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  status(): DeviceStatus {
    return { kind: 'idReader', device: this.state, supplies: [], driver: 'fake', updatedAt: '' };
  }
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  onCardEvent(): () => void {
    return () => undefined;
  }
  selfTest(): Promise<DeviceStatus> {
    this.opens.push(Date.now());
    return Promise.resolve(this.status());
  }
  set(state: DeviceState): void {
    this.state = state;
    for (const listener of this.#listeners) listener(this.status());
  }
}

let devices: DevicesService | undefined;
afterEach(async () => {
  jest.useRealTimers();
  await devices?.onApplicationShutdown();
  devices = undefined;
});

describe('the reopen takes its waits from the configuration', () => {
  it('an ID reader gone offline is opened 2 s after, then 4 s, then at the 6 s cap: the profile’s devices.reopen, not the 5 s default', async () => {
    const config = withInMemoryPadAndCamera(
      loadConfig({
        profile: 'test',
        overrides: [
          'journal.path=:memory:',
          'devices.reopen.firstIntervalMs=2000',
          'devices.reopen.maxIntervalMs=6000',
        ],
      }),
    );
    const idReader = new SilentIdReader();
    devices = new DevicesService(config, {
      closers: [],
      idReader: { port: idReader as unknown as Ga467IdReader },
    });
    await devices.openAll(); // the emulators open on real time; the clock is simulated after
    jest.useFakeTimers({ now: 0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    idReader.set('offline'); // its module went silent mid-day
    await jest.advanceTimersByTimeAsync(1_999);
    expect(idReader.opens).toEqual([]);
    await jest.advanceTimersByTimeAsync(1 + 4_000 + 6_000 + 6_000);
    expect(idReader.opens).toEqual([2_000, 6_000, 12_000, 18_000]);
  });
});

describe('the PIN tries query as the profile sets it', () => {
  /** zhang's card read by the daemon's emulated card reader on the test profile with `overrides` */
  async function zhangsCardReadWith(overrides: string[]) {
    const config = withInMemoryPadAndCamera(
      loadConfig({
        profile: 'test',
        overrides: ['journal.path=:memory:', 'devices.cardReader.driver=emulator', ...overrides],
      }),
    );
    devices = new DevicesService(config);
    await devices.cardReader.open();
    await devices.emulators.cardReader!.insertCard('zhang');
    const card = await devices.cardReader.readCard();
    await devices.onApplicationShutdown();
    devices = undefined;
    return card;
  }

  it('its type listed (the test profile lists the virtual card’s chip): the read gives the tries left', async () => {
    expect((await zhangsCardReadWith([])).pinTriesLeft).toBe(3);
  });

  it('its type not listed (pin.triesQueryAtrs=[]): the read gives no count', async () => {
    const card = await zhangsCardReadWith(['pin.triesQueryAtrs=[]']);
    expect(card.cardNumber).toBe('H41080000101');
    expect(card).not.toHaveProperty('pinTriesLeft');
  });
});
