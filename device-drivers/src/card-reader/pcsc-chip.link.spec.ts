/** The PC/SC link against a fake pcsclite: what pcscd does is scripted, the driver's answers are checked. */
import { EventEmitter } from 'node:events';
import { AutoCardReader } from './auto-card-reader.js';
import { createCardReader } from './create-card-reader.js';
import { EmulatedCardReader } from './emulated-card-reader.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import { PcscChipLink } from './pcsc-chip.link.js';
import { kioskErrorOfPcsc } from './pcsc-status.protocol.js';
import type { PcscContext, PcscLiteFactory, PcscReader, PcscReaderStatus } from './pcsclite.types.js';

const PRESENT = 0x20;
const EMPTY = 0x10;

class FakeReader extends EventEmitter {
  connected = false;
  closed = false;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_EMPTY = EMPTY;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  shareModes: number[] = [];
  constructor(readonly name: string) {
    super();
  }
  status(s: PcscReaderStatus) {
    this.emit('status', s);
  }
  connect(options: { share_mode?: number }, cb: (e: Error | null, p?: number) => void) {
    this.shareModes.push(options.share_mode ?? -1);
    this.connected = true;
    cb(null, 2);
  }
  transmit(data: Buffer, _len: number, _p: number, cb: (e: Error | null, d?: Buffer) => void) {
    cb(null, Buffer.from([0x90, 0x00]));
  }
  disconnect(_d: number, cb: () => void) {
    this.connected = false;
    cb();
  }
  /** pcsclite holds the reader's mutex while it calls into JS (see `dropContext`) */
  locked = false;
  /** a close() that the real binding would have deadlocked on */
  closedUnderLock = false;
  /** emits as pcsclite's native callback does: under the mutex, microtasks drained inside it */
  emitUnderLock(event: string, ...args: unknown[]) {
    this.locked = true;
    this.emit(event, ...args);
    setImmediate(() => (this.locked = false)); // after the microtasks, before later turns
  }
  close() {
    if (this.locked) this.closedUnderLock = true;
    this.closed = true;
  }
}

class FakeContext extends EventEmitter {
  readers: Record<string, PcscReader> = {};
  closed = false;
  close() {
    this.closed = true;
  }
  add(name: string): FakeReader {
    const r = new FakeReader(name);
    this.readers[name] = r as unknown as PcscReader;
    this.emit('reader', r);
    return r;
  }
}

/** pcscd up or down; each context made is kept for inspection. */
function fakePcsc() {
  const state = { up: true, contexts: [] as FakeContext[] };
  const factory: PcscLiteFactory = () => {
    if (!state.up) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    const c = new FakeContext();
    state.contexts.push(c);
    return c as unknown as PcscContext;
  };
  return { state, factory };
}

const until = (link: PcscChipLink, want: string) =>
  new Promise<void>((resolve) => {
    if (link.state() === want) return resolve();
    const off = link.onState((s) => s === want && (off(), resolve()));
  });

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
    expect(await link.start(50)).toBe('offline'); // several retries meanwhile
    state.up = true;
    await until(link, 'noDevice');
    state.contexts[0]!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    expect(lines).toEqual([
      'PC/SC context not available (8010001d); retrying every 10 ms',
      'PC/SC context re-established',
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
    await new Promise((r) => setTimeout(r, 60)); // the silent reader is closed after closeTimeoutMs
    expect([used.closed, unused.closed, first.closed]).toEqual([true, true, true]);
    state.up = true;
    await until(link, 'noDevice');
    state.contexts.at(-1)!.add('Virtual PCD 00 00');
    expect(link.state()).toBe('online');
    await link.close();
    expect(state.contexts.at(-1)!.closed).toBe(true);
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

describe('PcscCardReader with a plain reader (presence mechanism)', () => {
  it('follows pcscd: inserted, ejected, taken; refuses to retract without a capture bin', async () => {
    const { state, factory } = fakePcsc();
    const reader = new PcscCardReader({
      pcsclite: factory,
      mechanism: 'presence',
      startWaitMs: 1000,
      closeTimeoutMs: 50,
    });
    const opened = reader.open();
    const pcscReader = state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    await opened;
    const events: string[] = [];
    reader.onCardEvent((e) => events.push(e.type));
    pcscReader.status({ state: PRESENT | (1 << 16), atr: Buffer.from([0x3b, 0x00]) });
    expect(reader.cardPosition()).toBe('inReader');
    await expect(reader.retract()).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR' });
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
    pcscReader.status({ state: EMPTY | (2 << 16) });
    expect(events).toEqual(['inserted', 'ejected', 'taken']);
    pcscReader.status({ state: PRESENT | (3 << 16) });
    pcscReader.status({ state: EMPTY | (4 << 16) });
    expect(events.slice(3)).toEqual(['inserted', 'removed']);
    await reader.close();
  });
});

describe('createCardReader', () => {
  it("'auto' without pcscd attaches the virtual cards in-process and says so once", async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const notices: string[] = [];
    const reader = await createCardReader(
      { driver: 'auto', probeMs: 20 },
      { pcsclite: factory, log: (m) => notices.push(m) },
    );
    expect(reader).toBeInstanceOf(EmulatedCardReader);
    expect(notices).toEqual([
      'Card reader: no PC/SC reader (pcscd is not running); the virtual cards are attached in-process.',
    ]);
    await reader.open();
    await reader.insertCard('zhang');
    expect((await reader.readCard()).cardNumber).toBe('H41080000101');
    await reader.close();
  });

  it("'auto' with a reader on pcscd picks the PC/SC driver", async () => {
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'auto', probeMs: 500 }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('Virtual PCD 00 00');
    const reader = await making;
    expect(reader.status().driver).toBe('pcsc');
    await reader.close();
  });

  it("'auto' serves a real reader (not vpcd) with the presence mechanism", async () => {
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'auto', probeMs: 500 }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    const reader = await making;
    expect(reader.status()).toMatchObject({ driver: 'pcsc', supplies: [] });
    await expect(reader.insertCard('zhang')).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR' });
    await reader.close();
  });

  it("'emulator' never touches PC/SC", async () => {
    const reader = await createCardReader(
      { driver: 'emulator' },
      {
        pcsclite: () => {
          throw new Error('must not be called');
        },
      },
    );
    expect(reader.status().driver).toBe('emulator');
  });
});

describe('AutoCardReader', () => {
  it('chooses at open, carries listeners over, and refuses commands before', async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const notices: string[] = [];
    const reader = new AutoCardReader({ driver: 'auto' }, { pcsclite: factory, log: (m) => notices.push(m) });
    expect(reader.status()).toMatchObject({ device: 'noDevice', driver: 'auto' });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const statuses: string[] = [];
    const events: string[] = [];
    reader.onStatus((s) => statuses.push(`${s.driver}:${s.device}`));
    reader.onCardEvent((e) => events.push(e.type));
    await reader.open();
    expect(statuses.at(-1)).toBe('emulator:online');
    await reader.insertCard('li');
    expect((await reader.readCard()).cardNumber).toBe('H41080000102');
    expect(events).toEqual(['inserted']);
    expect(reader.listCards().find((c) => c.cardId === 'li')?.location).toBe('inReader');
    expect(notices).toHaveLength(1);
    await reader.close();
  });
});
