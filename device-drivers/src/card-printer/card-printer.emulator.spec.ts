import { ErrorCode } from '@kiosk/domain';
import { CardPrinterEmulator, type CardPrinterEmulatorOptions } from './card-printer.emulator.js';
import type { CardFace } from './card-printer.port.js';

const face: CardFace = { rgb: new Uint8Array(4 * 2 * 3), widthPx: 4, heightPx: 2 };

async function openPrinter(options: CardPrinterEmulatorOptions = {}): Promise<CardPrinterEmulator> {
  const p = new CardPrinterEmulator(options);
  await p.open();
  return p;
}

const supply = (p: CardPrinterEmulator, name: string) => p.status().supplies.find((s) => s.name === name);

/** Every blank is issued, rejected, in the printer or still in the hopper. */
function reconciles(p: CardPrinterEmulator): boolean {
  const c = p.counts();
  const rejected = Object.values(c.rejected).reduce((s, n) => s + (n ?? 0), 0);
  return c.loaded === c.inHopper + c.inPrinter + c.issued + rejected;
}

describe('CardPrinterEmulator', () => {
  it('issues a card: hopper → chip station → print → output slot → taken', async () => {
    const p = await openPrinter({ hopper: 5, ribbon: 10 });
    const taken = new Promise<void>((resolve) => p.onCardTaken(resolve));
    await p.feedToChipStation();
    expect(p.cardPosition()).toBe('chipStation');
    await p.printFace(face);
    expect(p.cardPosition()).toBe('printStation');
    await p.ejectToOutput();
    expect(p.cardPosition()).toBe('outputSlot');
    expect(p.takeCard()).toBe(true);
    await taken;
    expect(p.cardPosition()).toBe('none');
    expect(p.counts()).toMatchObject({ loaded: 5, inHopper: 4, issued: 1 });
    expect(supply(p, 'ribbon')?.count).toBe(9);
    expect(reconciles(p)).toBe(true);
  });

  it('rejects a card whose chip failed and feeds the next blank', async () => {
    const p = await openPrinter({ hopper: 5 });
    await p.feedToChipStation();
    await p.ejectToRejectBin('chipFailed');
    await p.feedToChipStation();
    expect(p.counts()).toMatchObject({ inHopper: 3, inPrinter: 1, rejected: { chipFailed: 1 } });
    expect(supply(p, 'rejectBin')?.count).toBe(1);
    expect(reconciles(p)).toBe(true);
  });

  it('retracts a card not taken from the output slot to the reject bin', async () => {
    const p = await openPrinter();
    await p.feedToChipStation();
    await p.printFace(face);
    await p.ejectToOutput();
    await p.ejectToRejectBin('notTaken');
    expect(p.takeCard()).toBe(false);
    expect(p.counts().rejected).toEqual({ notTaken: 1 });
  });

  it('refuses steps out of order with a coded error', async () => {
    const p = await openPrinter();
    await expect(p.printFace(face)).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_NO_CARD });
    await expect(p.ejectToOutput()).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_NO_CARD });
    await p.feedToChipStation();
    await expect(p.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
  });

  it('refuses a face image of the wrong size', async () => {
    const p = await openPrinter();
    await p.feedToChipStation();
    await expect(p.printFace({ ...face, widthPx: 5 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
  });

  it('refuses a second command while one runs (device busy)', async () => {
    const p = await openPrinter({ msPerStep: 5 });
    const feeding = p.feedToChipStation();
    expect(p.status().device).toBe('busy');
    await expect(p.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await feeding;
  });

  it('honours an abort before the card moves', async () => {
    const p = await openPrinter();
    await expect(p.feedToChipStation(AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
    expect(p.counts().inHopper).toBe(100);
  });

  it('reports low supplies', async () => {
    const p = await openPrinter({ hopper: 3, hopperLowThreshold: 5, ribbon: 2, ribbonLowThreshold: 5 });
    expect(supply(p, 'cardHopper')?.level).toBe('low');
    expect(supply(p, 'ribbon')?.level).toBe('low');
  });

  describe('fault: hopper empty', () => {
    it('refuses to feed with DEVICE_SUPPLY_EMPTY until blanks are loaded', async () => {
      const p = await openPrinter({ hopper: 10 });
      p.setFault('hopperEmpty');
      expect(supply(p, 'cardHopper')?.level).toBe('empty');
      await expect(p.feedToChipStation()).rejects.toMatchObject({
        code: ErrorCode.DEVICE_SUPPLY_EMPTY,
        details: { supply: 'cardHopper' },
      });
      p.loadHopper(2);
      await p.feedToChipStation();
      expect(reconciles(p)).toBe(true);
    });
  });

  describe('fault: ribbon out', () => {
    it('refuses to print with DEVICE_SUPPLY_EMPTY and leaves the card at the chip station', async () => {
      const p = await openPrinter();
      p.setFault('ribbonOut');
      await p.feedToChipStation();
      await expect(p.printFace(face)).rejects.toMatchObject({
        code: ErrorCode.DEVICE_SUPPLY_EMPTY,
        details: { supply: 'ribbon' },
      });
      expect(p.cardPosition()).toBe('chipStation');
      p.loadRibbon(100);
      await p.printFace(face);
    });
  });

  describe('fault: jam', () => {
    it('jams the card, reports hardware error, refuses commands until cleared', async () => {
      const p = await openPrinter({ hopper: 5 });
      await p.feedToChipStation();
      p.setFault('jam');
      await expect(p.printFace(face)).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_JAM });
      expect(p.cardPosition()).toBe('jammed');
      expect(p.status()).toMatchObject({
        device: 'hardwareError',
        fault: { code: ErrorCode.CARD_PRINTER_JAM },
      });
      await expect(p.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.CARD_PRINTER_JAM });
      expect(reconciles(p)).toBe(true);
      p.clearJam();
      expect(p.counts().rejected).toEqual({ jam: 1 });
      expect(p.status().device).toBe('online');
      await p.feedToChipStation();
      expect(reconciles(p)).toBe(true);
    });
  });

  describe('fault: reject bin full', () => {
    it('refuses to reject into a full bin', async () => {
      const p = await openPrinter({ rejectBinCapacity: 1 });
      await p.feedToChipStation();
      await p.ejectToRejectBin('printFailed');
      expect(supply(p, 'rejectBin')?.level).toBe('full');
      await p.feedToChipStation();
      await expect(p.ejectToRejectBin('chipFailed')).rejects.toMatchObject({
        code: ErrorCode.DEVICE_BIN_FULL,
      });
      expect(p.emptyRejectBin()).toBe(1);
      await p.ejectToRejectBin('chipFailed');
    });
  });

  describe('fault: offline', () => {
    it('refuses with DEVICE_OFFLINE', async () => {
      const p = await openPrinter();
      p.setFault('offline');
      expect(p.status().device).toBe('offline');
      await expect(p.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    });
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const device = await openPrinter();
    expect(() => device.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});
