/**
 * The card printer driver against the byte-level emulator: a card made end to end, over TCP and
 * over a serial stream, supplies read from the sensors, steps refused out of order. The faults
 * are in evolis-card-printer.faults.spec.ts.
 */
import { ErrorCode } from '@kiosk/domain';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { InMemoryCardStore } from '../card-reader/virtual-card/card-memory.js';
import { VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { streamPrinterConnector, tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import { CommandParser } from './card-printer-command.parser.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';
import {
  closePrinters,
  face,
  H,
  keepOpen,
  printer,
  reconciles,
  streamPair,
  supply,
  W,
} from './evolis-printer-rig.js';

afterEach(closePrinters);

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
    keepOpen(emulator, driver);
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
    keepOpen(emulator, driver);
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
});
