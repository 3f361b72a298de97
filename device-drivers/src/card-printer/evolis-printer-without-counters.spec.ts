/**
 * A card printer model without card counters (the emulator's `reportsCounters: false`): it refuses
 * the counters read and setting (`Rco`, `Pco`) as commands it does not know, as such firmware does,
 * and the driver reads its feeder and reject box by their sensors alone: no count made up, a blank
 * put in the bin not counted by the printer (the kiosk's journal counts it), the bin full by its
 * sensor. The emulator itself still counts every blank inside (its control surface's `counts()`).
 */
import { connect } from 'node:net';
import { closePrinters, printer, reconciles, supply } from './evolis-printer-rig.js';
import { command, ReplyParser } from './card-printer.protocol.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';

afterEach(closePrinters);

/** Each frame sent raw to an emulator on loopback TCP, its reply line. */
async function askRaw(emulator: EvolisPrinterEmulator, frames: Buffer[]): Promise<string[]> {
  const { host, port } = await emulator.listen(0);
  const socket = connect({ port, host });
  const parser = new ReplyParser();
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        lines.push(...parser.push(chunk));
        if (lines.length >= frames.length) resolve();
      });
      for (const frame of frames) socket.write(frame);
    });
    return lines;
  } finally {
    socket.destroy();
    await emulator.close();
  }
}

describe('a card printer without card counters', () => {
  it('refuses the counters read and setting as commands it does not know, and still answers its sensors', async () => {
    const emulator = new EvolisPrinterEmulator({ hopper: 3, ribbon: 40, reportsCounters: false });
    const lines = await askRaw(emulator, [
      command('Rco', 'f'),
      command('Rco', 'r'),
      command('Pco', 'r', 0),
      command('Pco', 'f', 5),
      command('Rse', 'f'),
      command('Rlr', 'h'),
      command('Rrt', 'count'),
    ]);
    expect(lines).toEqual([
      'ERR;ERR_COMMAND;Rco',
      'ERR;ERR_COMMAND;Rco',
      'ERR;ERR_COMMAND;Pco',
      'ERR;ERR_COMMAND;Pco',
      '5,00 Volts',
      'NO CARD',
      '40',
    ]);
    // the refused setting loaded nothing: the feeder holds what it held
    expect(emulator.counts()).toMatchObject({ loaded: 3, inHopper: 3 });
  });

  it('a counting model answers the same reads with its counts (the default)', async () => {
    const emulator = new EvolisPrinterEmulator({ hopper: 3, rejectBinCapacity: 4 });
    expect(await askRaw(emulator, [command('Rco', 'f'), command('Rco', 'r')])).toEqual(['3', '0;4']);
  });

  it('fault: the counters read refused: feeder and reject box read by their sensors, no count made up', async () => {
    const { emulator, driver } = await printer({ hopper: 5, rejectBinCapacity: 2, reportsCounters: false });
    expect(supply(driver, 'cardHopper')).toEqual({ name: 'cardHopper', level: 'low' });
    expect(supply(driver, 'rejectBin')).toEqual({ name: 'rejectBin', level: 'ok' });
    // the ribbon is read by its own command, which this model answers
    expect(supply(driver, 'ribbon')).toMatchObject({ count: 10 });
    await driver.feedToChipStation();
    await driver.ejectToRejectBin('chipFailed');
    // one blank in the bin: the printer holds it, but says no count of it
    expect(emulator.counts()).toMatchObject({ rejected: 1 });
    expect(supply(driver, 'rejectBin')).toEqual({ name: 'rejectBin', level: 'ok' });
    await driver.feedToChipStation();
    await driver.ejectToRejectBin('printFailed');
    // the bin's full sensor is what tells the kiosk
    expect(supply(driver, 'rejectBin')).toEqual({ name: 'rejectBin', level: 'full' });
    expect(reconciles(emulator)).toBe(true);
  });

  it("fault: the bin emptied on a printer without its counter: staff's count, the printer's refusal no error", async () => {
    const { emulator, driver } = await printer({ rejectBinCapacity: 2, reportsCounters: false });
    expect(driver.replenishableSupplies()).toContainEqual(
      expect.objectContaining({ supply: 'rejectBin', countedBy: 'staff' }),
    );
    await driver.feedToChipStation();
    await driver.ejectToRejectBin('chipFailed');
    // staff take the card out by hand (the emulator's control surface), then tell the kiosk
    expect(emulator.emptyRejectBin()).toBe(1);
    await expect(driver.emptySupplyBin('rejectBin')).resolves.toEqual({
      supply: 'rejectBin',
      before: null,
      after: null,
    });
    expect(supply(driver, 'rejectBin')).toEqual({ name: 'rejectBin', level: 'ok' });
  });
});
