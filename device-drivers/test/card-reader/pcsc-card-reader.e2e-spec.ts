/**
 * The card reader on the real PC/SC stack: pcsclite → libpcsclite → pcscd (a child process of
 * this test) → vpcd → the virtual card. One test per fault. With CI=true a missing pcscd, vpcd
 * or pcsclite binding fails the run instead of skipping it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import {
  assertCardUsable,
  cardReaderStateFile,
  createDemoCards,
  InMemoryCardStore,
  createCardReader,
  PcscCardReader,
} from '../../src/card-reader/index.js';
import { KioskError } from '@kiosk/domain';
import {
  describeOnPcscStack,
  pcscdForSuite,
  pinOf,
  readerOn,
  today,
  visitor,
  waitForStatus,
} from './pcsc-card-reader.helpers.js';

jest.setTimeout(30_000);

const describePcsc = describeOnPcscStack();

describePcsc('PcscCardReader through pcscd and vpcd', () => {
  // with its APDU trace, which the PIN commands' case reads
  const pcscd = pcscdForSuite({ debug: true });
  let reader: PcscCardReader;

  beforeEach(async () => {
    reader = await readerOn(pcscd(), {
      today,
      extraCards: [visitor],
      // an APDU through pcscd and vpcd answers in milliseconds; 3 s so that a loaded machine never
      // meets it by accident (the transmit-timeout test waits it out on purpose)
      transmitTimeoutMs: 3000,
    });
  });
  afterEach(async () => {
    await reader.close();
  });

  it('reads the card and verifies the PIN through pcscd (balance journey path)', async () => {
    expect(reader.status()).toMatchObject({ device: 'online', driver: 'pcsc' });
    await reader.insertCard('zhang');
    const card = await reader.readCard();
    expect(card).toMatchObject({ cardNumber: 'H41080000101', name: '张三明', recordsUnprinted: 1 });
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
    const log = await reader.readTransactions();
    expect(log.length).toBe(1);
    await reader.eject();
    await reader.takeCard();
  });

  it('tells the PIN tries left through pcscd before a PIN is typed, spending none (VERIFY without a PIN)', async () => {
    await reader.insertCard('zhang');
    expect((await reader.readCard()).pinTriesLeft).toBe(3);
    expect(await reader.verifyPin(pinOf('000000'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    await reader.eject();
    await reader.takeCard();
    // the next session's read: the card one try short, and the read spent none
    await reader.insertCard('zhang');
    expect((await reader.readCard()).pinTriesLeft).toBe(2);
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
    await reader.eject();
    await reader.takeCard();
  });

  it("PIN block in pcscd's APDU trace: the output kept shows VERIFY and CHANGE REFERENCE DATA without their data", async () => {
    await reader.insertCard('zhang');
    await reader.readCard();
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
    expect(await reader.changePin(pinOf('147258'), pinOf('369250'))).toEqual({ result: 'ok' });
    await reader.eject();
    await reader.takeCard();
    const output = pcscd().output();
    // pcscd traced both commands (its header kept), and neither PIN block (BCD, F-padded)
    expect(output).toMatch(/APDU: 00 20 00 00 03 \[3 data bytes withheld\]/);
    expect(output).toMatch(/APDU: 00 24 00 00 07 \[7 data bytes withheld\]/);
    expect(output).not.toMatch(/14 72 58|36 92 50/);
  });

  it('card pulled mid-transaction: CARD_REMOVED, and the next card reads', async () => {
    await reader.insertCard('zhang');
    await reader.readCard();
    reader.setFault('transmitTimeout');
    const reached = new Promise<void>((resolve) => {
      const off = reader.contacts!.onCommand(() => (off(), resolve()));
    });
    const reading = reader.verifyPin(pinOf('147258'));
    await reached; // the VERIFY is on the card, unanswered
    await reader.pullCard();
    await expect(reading).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    reader.setFault(null);
    await reader.insertCard('li');
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000102' });
  });

  it('mute card (no ATR): CARD_MUTE', async () => {
    reader.setFault('mute');
    await reader.insertCard('li');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_MUTE' });
  });

  it('card inserted upside down: CARD_UNREADABLE, then ejected', async () => {
    reader.setFault('upsideDown');
    await reader.insertCard('li');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_UNREADABLE' });
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
  });

  it('three wrong PINs, then a blocked card refuses even the right PIN', async () => {
    await reader.insertCard('zhang');
    expect(await reader.verifyPin(pinOf('111111'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await reader.verifyPin(pinOf('222222'))).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(await reader.verifyPin(pinOf('333333'))).toEqual({ result: 'blocked' });
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'blocked' });
  });

  it('expired card and card of another region: CARD_EXPIRED, CARD_OTHER_REGION', async () => {
    await reader.insertCard('wang');
    const expired = await reader.readCard();
    expect(() => assertCardUsable(expired, { today, regionPrefixes: ['4108'] })).toThrow(
      expect.objectContaining({ code: 'CARD_EXPIRED' }),
    );
    await reader.eject();
    await reader.takeCard();
    await reader.insertCard('visitor');
    const other = await reader.readCard();
    expect(() => assertCardUsable(other, { today, regionPrefixes: ['4108'] })).toThrow(
      expect.objectContaining({ code: 'CARD_OTHER_REGION' }),
    );
  });

  it('corrupted EF06: CARD_DATA_CORRUPT', async () => {
    reader.cards!.open('li')!.damageRecord(8, Buffer.from([8, 3, 0x41, 0x42, 0x43]));
    await reader.insertCard('li');
    const error = await reader.readCard().catch((e: unknown) => e);
    expect(KioskError.is(error, 'CARD_DATA_CORRUPT')).toBe(true);
  });

  it('transmit timeout: DEVICE_TIMEOUT, the card is ejected and the next card reads', async () => {
    await reader.insertCard('zhang');
    reader.setFault('transmitTimeout');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    await reader.eject();
    await reader.takeCard();
    reader.setFault(null);
    await reader.insertCard('li');
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000102' });
  });

  it('pcscd killed and restarted: offline, then online again without a restart of the reader', async () => {
    await reader.insertCard('zhang');
    await reader.readCard();
    const offline = waitForStatus(reader, 'offline');
    await pcscd().kill();
    await offline;
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const online = waitForStatus(reader, 'online');
    await pcscd().restart();
    await online;
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it('reader removed (pcscd comes back without it): noDevice and DEVICE_OFFLINE, then online when it is back', async () => {
    await reader.insertCard('zhang');
    await reader.readCard();
    const offline = waitForStatus(reader, 'offline');
    await pcscd().kill();
    await offline;
    const gone = waitForStatus(reader, 'noDevice');
    await pcscd().restart({ readers: false });
    await gone;
    expect(reader.status().fault).toMatchObject({ code: 'DEVICE_OFFLINE' });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const online = waitForStatus(reader, 'online');
    await pcscd().restart();
    await online;
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it("createCardReader 'auto' picks pcscd when it shows the reader", async () => {
    const notices: string[] = [];
    const auto = await createCardReader(
      { driver: 'auto', vpcdPort: pcscd().ports[0], readerName: pcscd().readerNames[0], today },
      { log: (m) => notices.push(m) },
    );
    expect(auto.status().driver).toBe('pcsc');
    expect(notices).toEqual(['Card reader: PC/SC reader "Virtual PCD 00 00" found; using pcscd.']);
    expect(auto).toBeInstanceOf(PcscCardReader);
    expect((auto as PcscCardReader).cards).toBeDefined(); // vpcd: the virtual cards go through pcscd
    await auto.close();
  });

  it('a card in the emulated reader is still on pcscd after a restart of the reader, its chip read through vpcd', async () => {
    await reader.close();
    const dir = mkdtempSync(join(tmpdir(), 'pcsc-reader-state-'));
    const file = join(dir, 'card-reader.json');
    const cards = createDemoCards({ store: new InMemoryCardStore(), today });
    const restarted = () =>
      new PcscCardReader({
        vpcdPort: pcscd().ports[0],
        readerName: pcscd().readerNames[0],
        cards,
        stateFile: cardReaderStateFile(file),
        transmitTimeoutMs: 3000,
        reconnectIntervalMs: 200,
      });
    try {
      reader = restarted();
      await reader.open();
      await reader.insertCard('zhang');
      await reader.readCard();
      // the process ends with the card inside: its vpcd connection goes, pcscd sees no card
      await reader.close();
      reader = restarted();
      await reader.open();
      expect(reader.cardPosition()).toBe('inReader');
      expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
      expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
      await reader.eject();
      await reader.takeCard();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('clean shutdown: a process that used the reader exits by itself after close()', async () => {
    const dist = fileURLToPath(new URL('../../dist/card-reader/index.js', import.meta.url));
    expect(existsSync(dist)).toBe(true); // the root test command builds first
    const script = `
      const dd = await import(${JSON.stringify(dist)});
      const reader = new dd.PcscCardReader({ vpcdPort: ${pcscd().ports[0]}, readerName: ${JSON.stringify(pcscd().readerNames[0])} });
      await reader.open();
      await reader.insertCard('zhang');
      await reader.readCard();
      await reader.close();
      console.log('closed');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 15_000); // a stuck close ends here
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(watchdog);
    expect(out.trim()).toBe('closed');
    expect(code).toBe(0);
  });
});
