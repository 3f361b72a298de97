/**
 * Faults: the PC/SC card reader's `open` (inside the daemon's boot, before its ready line) waited
 * its whole start wait for a reader that was not there: with pcscd down (nothing can appear
 * before the context's next try), and, on `driver: pcsc`, a second time after the probe had
 * already waited for it and found none. Now pcscd not answering is not waited for, a reader the
 * probe did not find not again: the reader reads offline or not connected at once, and is taken
 * into service, its status pushed, when pcscd answers and lists it. A fake pcsclite scripts pcscd;
 * the waits are set far past the test's own timeout, so an open that waited them fails the test.
 */
import type { DeviceStatus } from '@kiosk/domain';
import { createCardReader } from './create-card-reader.js';
import { EMPTY, fakePcsc } from './fake-pcsclite.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';

/** a wait no open may take here: past the test's own timeout */
const LONG_WAIT_MS = 60_000;

describe('PC/SC card reader absent at open', () => {
  it('fault: pcscd down at open: not waited for; offline, then online, pushed, when pcscd lists the reader', async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const reader = new PcscCardReader({
      pcsclite: factory,
      mechanism: 'presence',
      startWaitMs: LONG_WAIT_MS,
      reconnectIntervalMs: 10,
      closeTimeoutMs: 50,
    });
    const pushed: DeviceStatus[] = [];
    reader.onStatus((s) => pushed.push(s));
    await reader.open();
    expect(reader.status()).toMatchObject({
      device: 'offline',
      fault: { code: 'DEVICE_OFFLINE', message: expect.stringContaining('PC/SC service is not reachable') },
    });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    state.up = true; // pcscd comes up: the context's retry sets it up, then pcscd lists the reader
    await new Promise<void>((resolve) => {
      const off = reader.onStatus((s) => s.device === 'noDevice' && (off(), resolve()));
    });
    state.contexts.at(-1)!.add('ACS ACR39U ICC Reader 00 00').status({ state: EMPTY });
    expect(reader.status()).toMatchObject({ device: 'online', driver: 'pcsc' });
    expect(pushed.map((s) => s.device)).toEqual(['offline', 'noDevice', 'online']);
    await reader.close();
  });

  it('fault: driver pcsc, no reader at the probe: open not waiting again; online, pushed, when it appears', async () => {
    const { state, factory } = fakePcsc();
    const reader = await createCardReader(
      { driver: 'pcsc', probeMs: 20, startWaitMs: LONG_WAIT_MS },
      { pcsclite: factory },
    );
    const pushed: string[] = [];
    reader.onStatus((s) => pushed.push(s.device));
    await reader.open();
    expect(reader.status()).toMatchObject({
      device: 'noDevice',
      fault: { code: 'DEVICE_OFFLINE', message: 'The card reader is not connected.' },
    });
    // the USB reader enumerates late: pcscd lists it, and the reader serves it
    state.contexts.at(-1)!.add('ACS ACR39U ICC Reader 00 00').status({ state: EMPTY });
    expect(reader.status()).toMatchObject({ device: 'online', driver: 'pcsc' });
    expect(pushed).toEqual(['noDevice', 'online']);
    await reader.close();
  });

  it('a reader the probe found is waited for on the open, so boot does not report it missing', async () => {
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'pcsc', startWaitMs: LONG_WAIT_MS }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00').status({ state: EMPTY }); // the probe's context lists it
    const reader = await making;
    const opened = reader.open();
    await new Promise((r) => setImmediate(r));
    expect(reader.status().device).not.toBe('online');
    state.contexts.at(-1)!.add('ACS ACR39U ICC Reader 00 00').status({ state: EMPTY }); // its own context lists it
    await opened;
    expect(reader.status()).toMatchObject({ device: 'online', driver: 'pcsc' });
    await reader.close();
  });
});
