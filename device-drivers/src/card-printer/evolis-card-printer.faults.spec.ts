/**
 * The card printer driver against the byte-level emulator over loopback TCP: a card made end to
 * end, then each fault of the emulator's control surface, one test each, with the blanks
 * reconciled after every one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { InMemoryCardStore } from '../card-reader/virtual-card/card-memory.js';
import { VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { streamPrinterConnector, tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import type { CardFace } from './card-printer.port.js';
import { CommandParser } from './card-printer.protocol.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator, type EvolisPrinterEmulatorOptions } from './evolis-printer.emulator.js';

const W = 16;
const H = 10;
function face(emboss?: string): CardFace {
  const rgb = new Uint8Array(W * H * 3).fill(255);
  rgb.fill(0, 0, W * 3); // a black first row (resin black)
  rgb.set([200, 30, 40], W * 3 * 5); // one red pixel
  return { rgb, widthPx: W, heightPx: H, ...(emboss ? { emboss } : {}) };
}

const open: { emulator: EvolisPrinterEmulator; driver: EvolisCardPrinterDriver }[] = [];

async function printer(options: EvolisPrinterEmulatorOptions = {}) {
  const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, rejectBinCapacity: 3, ...options });
  const { host, port } = await emulator.listen(0);
  const driver = new EvolisCardPrinterDriver({
    connect: tcpPrinterConnector(host, port),
    takePollMs: 5,
    embosser: true,
  });
  await driver.open();
  open.push({ emulator, driver });
  return { emulator, driver };
}

afterEach(async () => {
  for (const { emulator, driver } of open.splice(0)) {
    await driver.close();
    await emulator.close();
  }
});

/** Every blank is issued, rejected, inside or still in the hopper. */
function reconciles(emulator: EvolisPrinterEmulator): boolean {
  const c = emulator.counts();
  return c.loaded === c.inHopper + c.inPrinter + c.issued + c.rejected;
}

const supply = (driver: EvolisCardPrinterDriver, name: string) =>
  driver.status().supplies.find((s) => s.name === name);

describe('Evolis-style card printer driver and emulator', () => {
  it('makes a card: hopper → chip station → print → bezel → taken, the face kept as printed', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    expect(driver.cardPosition()).toBe('chipStation');
    await driver.printFace(face('H41080000104'));
    expect(driver.cardPosition()).toBe('printStation');
    const taken = new Promise<void>((resolve) => driver.onCardTaken(resolve));
    await driver.ejectToOutput();
    expect(driver.cardPosition()).toBe('outputSlot');
    expect(emulator.takeCard()).toMatch(/^blank-/);
    await taken;
    expect(driver.cardPosition()).toBe('none');
    const printed = emulator.lastFace();
    expect(printed).toMatchObject({ widthPx: W, heightPx: H, emboss: 'H41080000104' });
    expect([...(printed?.rgb.subarray(0, 3) ?? [])]).toEqual([0, 0, 0]);
    expect([...(printed?.rgb.subarray(W * 3 * 5, W * 3 * 5 + 3) ?? [])]).toEqual([200, 30, 40]);
    expect(supply(driver, 'cardHopper')).toMatchObject({ count: 4 });
    expect(supply(driver, 'ribbon')).toMatchObject({ count: 9 });
    expect(emulator.counts()).toMatchObject({ issued: 1, inHopper: 4 });
    expect(reconciles(emulator)).toBe(true);
  });

  it('sends no emboss command to a printer without an embosser', async () => {
    const emulator = new EvolisPrinterEmulator({ hopper: 1 });
    const { host, port } = await emulator.listen(0);
    const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port) });
    await driver.open();
    open.push({ emulator, driver });
    await driver.feedToChipStation();
    await driver.printFace(face('H41080000104'));
    expect(emulator.lastFace()).not.toHaveProperty('emboss');
  });

  it('puts the blank chip on the chip station contacts and takes it off when the card moves on', async () => {
    const link = new InProcessChipLink();
    const cards = new VirtualCards(new InMemoryCardStore());
    const { emulator, driver } = await printer({ chipStation: { cards, contacts: link } });
    await driver.feedToChipStation();
    expect((await link.connect()).length).toBeGreaterThan(0);
    await driver.printFace(face());
    await expect(link.connect()).rejects.toMatchObject({ code: ErrorCode.CARD_REMOVED });
    await driver.ejectToOutput();
    const cardId = emulator.takeCard();
    expect(cardId && cards.has(cardId)).toBe(true);
  });

  it('runs over a serial stream as over TCP', async () => {
    const [hostEnd, deviceEnd] = streamPair();
    const emulator = new EvolisPrinterEmulator({ hopper: 2 });
    emulator.attach(deviceEnd);
    const driver = new EvolisCardPrinterDriver({ connect: streamPrinterConnector(hostEnd) });
    await driver.open();
    open.push({ emulator, driver });
    await driver.feedToChipStation();
    expect(driver.cardPosition()).toBe('chipStation');
    expect(supply(driver, 'cardHopper')).toMatchObject({ count: 1 });
  });

  it('reads supplies from the sensors of a printer that counts nothing (Rco and Rrt refused)', async () => {
    const [hostEnd, deviceEnd] = streamPair();
    const parser = new CommandParser();
    const answers: Record<string, string> = {
      Rst: 'READY;DEVICE_READY',
      'Rlr;p': 'OK',
      'Rse;f': '5,00 Volts',
      'Rse;n': '4,10 Volts',
      'Rlr;h': 'CARD',
    };
    deviceEnd.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        const key = frame.kind === 'command' ? [frame.name, ...frame.params].join(';') : '';
        const known = key.startsWith('P') ? 'OK' : answers[key];
        deviceEnd.write(`${known ?? 'ERR;ERR_COMMAND'}\r`);
      }
    });
    const driver = new EvolisCardPrinterDriver({ connect: streamPrinterConnector(hostEnd), statusPollMs: 0 });
    await driver.open();
    expect(driver.status().supplies).toEqual([
      { name: 'cardHopper', level: 'low' },
      { name: 'ribbon', level: 'unknown' },
      { name: 'rejectBin', level: 'full' },
    ]);
    await driver.close();
  });

  it('refuses steps out of order with a coded error', async () => {
    const { driver } = await printer();
    await expect(driver.printFace(face())).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_NO_CARD });
    await driver.feedToChipStation();
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await expect(driver.printFace({ ...face(), widthPx: W + 1 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
  });

  it('fault: hopper empty refuses the feed with DEVICE_SUPPLY_EMPTY until blanks are loaded', async () => {
    const { emulator, driver } = await printer();
    emulator.setFault('hopperEmpty');
    await expect(driver.feedToChipStation()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_SUPPLY_EMPTY,
      details: { supply: 'cardHopper' },
    });
    expect(supply(driver, 'cardHopper')?.level).toBe('empty');
    emulator.loadHopper(2);
    await driver.feedToChipStation();
    expect(reconciles(emulator)).toBe(true);
  });

  it('fault: hopper count low reads low, the count reported', async () => {
    const { driver } = await printer({ hopper: 3 });
    await driver.feedToChipStation();
    expect(supply(driver, 'cardHopper')).toMatchObject({ level: 'low', count: 2 });
  });

  it('fault: ribbon out refuses the print and leaves the card at the chip station', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    emulator.setFault('ribbonOut');
    await expect(driver.printFace(face())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_SUPPLY_EMPTY,
      details: { supply: 'ribbon' },
    });
    expect(driver.cardPosition()).toBe('chipStation');
    expect(supply(driver, 'ribbon')?.level).toBe('empty');
    emulator.loadRibbon(5);
    await driver.printFace(face());
  });

  it('fault: reject bin full refuses to reject and reports the bin full', async () => {
    const { emulator, driver } = await printer();
    emulator.setFault('rejectBinFull');
    await driver.feedToChipStation();
    await expect(driver.ejectToRejectBin('chipFailed')).rejects.toMatchObject({
      code: ErrorCode.DEVICE_BIN_FULL,
    });
    expect(supply(driver, 'rejectBin')?.level).toBe('full');
    expect(emulator.emptyRejectBin()).toBe(3);
    await driver.ejectToRejectBin('chipFailed');
    expect(reconciles(emulator)).toBe(true);
  });

  it.each([
    ['jamAtFeed', 'feed', 'feed'],
    ['jamAtChipStation', 'chipStation', 'feed'],
    ['jamAtPrintStation', 'printStation', 'print'],
    ['jamAtOutput', 'output', 'present'],
  ] as const)(
    'fault: %s jams the card, hardware error until staff clear it',
    async (fault, position, step) => {
      const { emulator, driver } = await printer();
      if (step !== 'feed') await driver.feedToChipStation();
      if (step === 'present') await driver.printFace(face());
      emulator.setFault(fault);
      const act =
        step === 'feed'
          ? driver.feedToChipStation()
          : step === 'print'
            ? driver.printFace(face())
            : driver.ejectToOutput();
      await expect(act).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_JAM, details: { position } });
      expect(driver.cardPosition()).toBe('jammed');
      expect(driver.status()).toMatchObject({
        device: 'hardwareError',
        fault: { code: ErrorCode.CARD_PRINTER_JAM },
      });
      await expect(driver.ejectToRejectBin('jam')).rejects.toMatchObject({
        code: ErrorCode.CARD_PRINTER_JAM,
      });
      expect(reconciles(emulator)).toBe(true);
      await emulator.clearJam();
      expect(emulator.counts()).toMatchObject({ rejected: 1, jammed: 1 });
      await driver.feedToChipStation();
      expect(driver.status().device).toBe('online');
      expect(reconciles(emulator)).toBe(true);
    },
  );

  it('fault: chip station no contact leaves the chip unreachable (CARD_UNREADABLE)', async () => {
    const link = new InProcessChipLink();
    const cards = new VirtualCards(new InMemoryCardStore());
    const { emulator, driver } = await printer({ chipStation: { cards, contacts: link } });
    emulator.setFault('chipNoContact');
    await driver.feedToChipStation();
    await expect(link.connect()).rejects.toMatchObject({ code: ErrorCode.CARD_UNREADABLE });
    await driver.ejectToRejectBin('chipFailed');
    emulator.clearFault('chipNoContact');
    await driver.feedToChipStation();
    expect((await link.connect()).length).toBeGreaterThan(0);
  });

  it('fault: cover open refuses every movement with CARD_PRINTER_COVER_OPEN, user error until closed', async () => {
    const { emulator, driver } = await printer();
    emulator.setFault('coverOpen');
    await expect(driver.feedToChipStation()).rejects.toMatchObject({
      code: ErrorCode.CARD_PRINTER_COVER_OPEN,
    });
    expect(driver.status()).toMatchObject({
      device: 'userError',
      fault: { code: ErrorCode.CARD_PRINTER_COVER_OPEN },
    });
    emulator.closeCover();
    await driver.feedToChipStation();
    expect(driver.status().device).toBe('online');
  });

  it('fault: print head error refuses the print with DEVICE_HARDWARE_ERROR; the card can be rejected', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    emulator.setFault('printHeadError');
    await expect(driver.printFace(face())).rejects.toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR });
    expect(driver.status().device).toBe('hardwareError');
    await driver.ejectToRejectBin('printFailed');
    expect(reconciles(emulator)).toBe(true);
  });

  it('fault: card not taken from the bezel is pulled back into the reject bin', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    await driver.printFace(face());
    await driver.ejectToOutput();
    await driver.ejectToRejectBin('notTaken');
    expect(emulator.takeCard()).toBeNull();
    expect(emulator.counts()).toMatchObject({ rejected: 1, issued: 0 });
    expect(reconciles(emulator)).toBe(true);
  });

  it('fault: offline refuses with DEVICE_OFFLINE and reports offline', async () => {
    const { emulator, driver } = await printer();
    emulator.setFault('offline');
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    expect(driver.status().device).toBe('offline');
  });

  it('fault: connection lost reports offline and refuses commands', async () => {
    const { emulator, driver } = await printer();
    await emulator.close();
    for (let i = 0; i < 100 && driver.status().device !== 'offline'; i += 1) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(driver.status().device).toBe('offline');
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const { emulator } = await printer();
    expect(() => emulator.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});

/** Two ends of a byte stream, as a serial line joins them. */
function streamPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        other().push(chunk);
        done();
      },
      destroy(error, done) {
        other().push(null);
        done(error);
      },
    });
  ends.push(
    end(() => ends[1] as Duplex),
    end(() => ends[0] as Duplex),
  );
  return [ends[0] as Duplex, ends[1] as Duplex];
}

describe('fault: power cut', () => {
  it('remembers stock, counters and the card inside, its chip back on the contacts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-printer-'));
    try {
      const stateFile = join(dir, 'card-printer.json');
      const cards = new VirtualCards(new InMemoryCardStore());
      const before = await printer({ stateFile, chipStation: { cards, contacts: new InProcessChipLink() } });
      await before.driver.feedToChipStation();
      await before.driver.ejectToRejectBin('chipFailed');
      await before.driver.feedToChipStation();
      const inside = before.emulator.mechanics.cardId;
      // the power goes: nothing is closed in order
      const link = new InProcessChipLink();
      const after = new EvolisPrinterEmulator({ stateFile, chipStation: { cards, contacts: link } });
      const { host, port } = await after.listen(0);
      const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port) });
      await driver.open();
      open.push({ emulator: after, driver });
      expect(driver.cardPosition()).toBe('chipStation');
      expect(after.mechanics.cardId).toBe(inside);
      expect(after.counts()).toEqual({
        loaded: 5,
        inHopper: 3,
        inPrinter: 1,
        issued: 0,
        rejected: 1,
        jammed: 0,
      });
      expect((await link.connect()).length).toBeGreaterThan(0);
      await driver.ejectToRejectBin('other');
      expect(reconciles(after)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
