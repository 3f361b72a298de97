/**
 * The card printer driver against the byte-level emulator over loopback TCP: each fault of the
 * emulator's control surface, one test each, with the blanks reconciled after every one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { InMemoryCardStore } from '../card-reader/virtual-card/card-memory.js';
import { VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';
import { closePrinters, face, keepOpen, printer, reconciles, supply } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis-style card printer faults', () => {
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
    await eventually(() => driver.status().device, 'the printer offline', {
      withinMs: 10_000,
      until: (device) => device === 'offline',
    });
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const { emulator } = await printer();
    expect(() => emulator.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});

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
      keepOpen(after, driver);
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
