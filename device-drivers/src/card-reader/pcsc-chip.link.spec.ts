/** The PC/SC link against a fake pcsclite: what pcscd does is scripted, the driver's answers are checked. */
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import { PcscChipLink } from './pcsc-chip.link.js';
import { kioskErrorOfPcsc } from './pcsc-status.protocol.js';
import { EMPTY, type FakeContext, fakePcsc, PRESENT, until } from './fake-pcsclite.js';
import type { PcscContext } from './pcsclite.types.js';

describe('PcscChipLink', () => {
  it('finds the reader, connects exclusively and transmits once pcscd sees a card', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, closeTimeoutMs: 50 });
    const started = link.start(1000);
    const reader = state.contexts[0]!.add('Virtual PCD 00 00');
    expect(await started).toBe('online');
    reader.status({ state: PRESENT | (1 << 16), atr: Buffer.from([0x3b, 0x00]) });
    expect(await link.connect()).toEqual(Buffer.from([0x3b, 0x00]));
    expect(reader.shareModes).toEqual([reader.SCARD_SHARE_EXCLUSIVE]);
    expect(await link.transmit(Buffer.from('00a40400', 'hex'))).toEqual(Buffer.from([0x90, 0x00]));
    await link.close();
  });

  it('reader removed: noDevice, connect says DEVICE_OFFLINE, online again when it comes back', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, closeTimeoutMs: 50 });
    const started = link.start(1000);
    const reader = state.contexts[0]!.add('Virtual PCD 00 00');
    await started;
    reader.emit('end');
    expect(link.state()).toBe('noDevice');
    await expect(link.connect()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    state.contexts[0]!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    await link.close();
  });

  it('reader removed under a running reader: status noDevice, commands DEVICE_OFFLINE', async () => {
    const { state, factory } = fakePcsc();
    const reader = new PcscCardReader({ pcsclite: factory, startWaitMs: 1000, closeTimeoutMs: 50 });
    const opened = reader.open();
    const pcscReader = state.contexts[0]!.add('Virtual PCD 00 00');
    await opened;
    const seen: string[] = [];
    reader.onStatus((s) => seen.push(s.device));
    pcscReader.emit('end');
    expect(reader.status()).toMatchObject({ device: 'noDevice', fault: { code: 'DEVICE_OFFLINE' } });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    state.contexts[0]!.add('Virtual PCD 00 00');
    expect(seen).toEqual(['noDevice', 'online']);
    await reader.close();
  });

  it('pcscd down at start: offline, said once, then online on a retry once pcscd is up', async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const lines: string[] = [];
    const link = new PcscChipLink({ pcsclite: factory, reconnectIntervalMs: 10, log: (m) => lines.push(m) });
    expect(await link.start(50)).toBe('offline'); // at once: nothing can be listed while pcscd is down
    state.up = true;
    await until(link, 'noDevice');
    state.contexts[0]!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    expect(lines).toEqual([
      'PC/SC context not available (8010001d); retrying after 10 ms, backing off to 60000 ms',
      expect.stringMatching(/^PC\/SC context re-established after \d+ ms down$/),
    ]);
    await link.close();
  });

  it('pcscd dies: the context is dropped with every reader closed and re-established', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, reconnectIntervalMs: 10, closeTimeoutMs: 50 });
    const started = link.start(1000);
    const first = state.contexts[0]!;
    const used = first.add('Virtual PCD 00 00');
    const unused = first.add('Virtual PCD 00 01');
    await started;
    used.status({ state: EMPTY });
    state.up = false;
    first.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    expect(link.state()).toBe('offline');
    // the silent reader is closed after closeTimeoutMs, then the context (waited for, not timed:
    // a fixed 60 ms read them still open on a loaded machine)
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => first.closed && (clearInterval(poll), resolve()), 5);
    });
    expect([used.closed, unused.closed, first.closed]).toEqual([true, true, true]);
    state.up = true;
    await until(link, 'noDevice');
    state.contexts.at(-1)!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    await link.close();
    expect(state.contexts.at(-1)!.closed).toBe(true);
  });

  it('fault: set-up failed partway: the context made is closed, offline with the failure coded, a retry makes a fresh one', async () => {
    const { state, factory } = fakePcsc();
    let partway = true;
    // the retry's set-up waits for the spec: on a loaded machine the 10 ms retry could otherwise
    // finish before `start` returned, which then rightly said the state of then (noDevice)
    let letRetry: () => void = () => undefined;
    const retryLetGo = new Promise<void>((resolve) => (letRetry = resolve));
    const failingOnce = (): PcscContext | Promise<PcscContext> => {
      if (!partway) return retryLetGo.then(() => factory() as unknown as PcscContext);
      const context = factory() as unknown as FakeContext;
      partway = false;
      context.on = () => {
        throw new Error('SCardListReaders error: Internal error.(0x80100001)');
      };
      return context as unknown as PcscContext;
    };
    const lines: string[] = [];
    const link = new PcscChipLink({
      pcsclite: failingOnce,
      reconnectIntervalMs: 10,
      closeTimeoutMs: 50,
      log: (m) => lines.push(m),
    });
    expect(await link.start(0)).toBe('offline');
    expect(link.setUpFailure()).toEqual({ code: 'DEVICE_HARDWARE_ERROR', pcsc: '80100001', partway: true });
    letRetry();
    await until(link, 'noDevice'); // the retry: a fresh context
    expect(state.contexts).toHaveLength(2);
    expect(state.contexts[0]!.closed).toBe(true);
    expect(link.setUpFailure()).toBeUndefined();
    state.contexts[1]!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    expect(lines).toEqual([
      'PC/SC context set-up failed partway (80100001); closed, retrying after 10 ms, backing off to 60000 ms',
      expect.stringMatching(/^PC\/SC context re-established after \d+ ms down$/),
    ]);
    await link.close();
  });

  it('closes a reader only once its status thread has run (pcsclite leaks one closed earlier)', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, closeTimeoutMs: 1000 });
    const started = link.start(1000);
    const reader = state.contexts[0]!.add('Virtual PCD 00 00');
    await started;
    const closing = link.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(reader.closed).toBe(false);
    reader.status({ state: EMPTY });
    await closing;
    expect([reader.closed, state.contexts[0]!.closed]).toEqual([true, true]);
  });

  it('pcscd dies before a new reader reported once: its close waits for the binding to return (a close inside the callback deadlocks)', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, closeTimeoutMs: 1000, reconnectIntervalMs: 60_000 });
    const started = link.start(1000);
    const context = state.contexts[0]!;
    const reader = context.add('Virtual PCD 00 00');
    await started;
    context.emit('error', new Error('SCardGetStatusChange error: Service not available.(0x8010001d)'));
    // the reader's status thread fails next: error, then the end of the thread, both under the mutex
    reader.emitUnderLock(
      'error',
      new Error('SCardGetStatusChange error: Service not available.(0x8010001d)'),
    );
    reader.emitUnderLock('end');
    await link.close();
    expect(reader.closed).toBe(true);
    expect(reader.closedUnderLock).toBe(false);
    expect(context.closed).toBe(true);
  });

  it('maps PC/SC codes to coded errors', () => {
    const of = (hex: string) => kioskErrorOfPcsc(new Error(`x (0x${hex})`), 'testing').code;
    expect(of('80100069')).toBe('CARD_REMOVED');
    expect(of('80100066')).toBe('CARD_MUTE');
    expect(of('8010000B')).toBe('DEVICE_BUSY');
    expect(of('8010001D')).toBe('DEVICE_OFFLINE');
    expect(kioskErrorOfPcsc(new Error('odd'), 'testing').code).toBe('DEVICE_HARDWARE_ERROR');
  });
});
