/**
 * Field staff's refills and bin emptying on every port that has them, drivers against their
 * byte-level emulators: counts move by exactly what was loaded, bins go back to 0 and say what
 * they held, a test dispense lands in the reject bin, and each refusal is coded.
 */
import { Duplex } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import { codeOf } from '@kiosk/domain/testing';
import { EvolisCardPrinterDriver } from '../card-printer/evolis-card-printer.driver.js';
import { EmulatedCardReader } from '../card-reader/emulated-card-reader.js';
import { CommandParser } from '../card-printer/card-printer-command.parser.js';
import { EvolisPrinterEmulator } from '../card-printer/evolis-printer.emulator.js';
import { CashDispenserEmulator } from '../cash-dispenser/cash-dispenser.emulator.js';
import { LcdmCashDispenser } from '../cash-dispenser/lcdm-cash-dispenser.driver.js';
import { LcdmCashDispenserEmulator } from '../cash-dispenser/lcdm-cash-dispenser.emulator.js';
import { Ga467IdReader } from '../id-reader/ga467-id-reader.driver.js';
import { Ga467IdReaderEmulator } from '../id-reader/ga467-id-reader.emulator.js';
import { EscposPrinterDriver } from '../receipt-printer/escpos-printer.driver.js';
import { EscposPrinterEmulator } from '../receipt-printer/escpos-printer.emulator.js';
import { streamPrinterConnector, tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';

/** Two ends of one line: what one writes, the other reads. */
function linePair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  for (const i of [0, 1]) {
    ends.push(
      new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          ends[1 - i]!.push(chunk);
          done();
        },
      }),
    );
  }
  return [ends[0]!, ends[1]!];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('cash dispenser emulator: refills, bins and the test dispense', () => {
  it('adds the notes loaded to the cassette and empties a bin back to 0', async () => {
    const d = new CashDispenserEmulator({
      cassettes: [{ id: 'upper', denominationFen: 10000, count: 10, lowThreshold: 2, emptyThreshold: 0 }],
    });
    await d.open();
    expect(d.replenishableSupplies().map((s) => s.supply)).toEqual([
      'cassette:upper',
      'rejectBin',
      'retractBin',
    ]);
    expect(await d.refillSupply('cassette:upper', 90)).toEqual({
      supply: 'cassette:upper',
      before: 10,
      after: 100,
    });
    await d.testDispense();
    expect(await d.emptySupplyBin('rejectBin')).toEqual({ supply: 'rejectBin', before: 1, after: 0 });
    expect(await codeOf(d.refillSupply('cassette:middle', 5))).toBe(ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN);
    expect(await codeOf(d.refillSupply('cassette:upper', -3))).toBe(ErrorCode.MAINTENANCE_COUNT_MISMATCH);
    expect(await codeOf(d.emptySupplyBin('cassette:upper'))).toBe(ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN);
  });

  it('test dispense when the reject bin is full: DEVICE_BIN_FULL, no note moved', async () => {
    const d = new CashDispenserEmulator({ rejectBinCapacity: 1 });
    await d.open();
    const before = d.cassettes().map((c) => c.count);
    // one note from each of the two cassettes would not fit in a bin of 1
    expect(await codeOf(d.testDispense())).toBe(ErrorCode.DEVICE_BIN_FULL);
    expect(d.cassettes().map((c) => c.count)).toEqual(before);
    expect(d.status().supplies.find((s) => s.name === 'rejectBin')?.count).toBe(0);
  });
});

describe('LCDM driver: test dispense over the wire into the reject tray', () => {
  it('moves one note from each cassette into the reject tray, never the presenter', async () => {
    const [host, device] = linePair();
    const emulator = new LcdmCashDispenserEmulator({ upper: { count: 50 }, lower: { count: 40 } });
    emulator.attach(device);
    const driver = new LcdmCashDispenser(host, {
      cassettes: {
        upper: { denominationFen: 10000, count: 50, lowThreshold: 5, emptyThreshold: 0 },
        lower: { denominationFen: 5000, count: 40, lowThreshold: 5, emptyThreshold: 0 },
      },
      rejectBinCapacity: 3,
    });
    await driver.open();
    closers.push(() => driver.close());
    const { notes } = await driver.testDispense();
    expect(notes.map((n) => `${n.cassetteId}:${n.count}`)).toEqual(['upper:1', 'lower:1']);
    expect(emulator.mechanism.rejectTray).toBe(2);
    expect(emulator.mechanism.cassettes.upper.count).toBe(49);
    expect(driver.presenter().state).toBe('empty');
    expect(driver.cassettes().map((c) => c.count)).toEqual([49, 39]);
    // two more would not fit in a bin of 3 holding 2
    expect(await codeOf(driver.testDispense())).toBe(ErrorCode.DEVICE_BIN_FULL);
    expect(emulator.mechanism.rejectTray).toBe(2);
    expect(await driver.emptySupplyBin('rejectBin')).toEqual({ supply: 'rejectBin', before: 2, after: 0 });
    expect(await driver.refillSupply('cassette:lower', 61)).toEqual({
      supply: 'cassette:lower',
      before: 39,
      after: 100,
    });
  });
});

describe('card printer driver: refills over the escape commands', () => {
  it('counting feeder, new ribbon and the reject box emptied, each read back from the printer', async () => {
    const emulator = new EvolisPrinterEmulator({ hopper: 2, ribbon: 3, rejectBinCapacity: 5 });
    const { host, port } = await emulator.listen(0);
    const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port), takePollMs: 5 });
    await driver.open();
    closers.push(
      () => emulator.close(),
      () => driver.close(),
    );
    await driver.feedToChipStation();
    await driver.ejectToRejectBin('test');
    expect(await driver.refillSupply('cardHopper', 100)).toEqual({
      supply: 'cardHopper',
      before: 1,
      after: 101,
    });
    expect(emulator.counts().inHopper).toBe(101);
    expect(await driver.refillSupply('ribbon', 250)).toEqual({ supply: 'ribbon', before: 3, after: 250 });
    expect(await driver.emptySupplyBin('rejectBin')).toEqual({ supply: 'rejectBin', before: 1, after: 0 });
    expect(await codeOf(driver.refillSupply('paper', 1))).toBe(ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN);
  });
});

/**
 * A card printer with a sensor-only feeder and no counters (a plain Evolis answers our count
 * commands with ERR_COMMAND): the driver's end of the line, answering what such a printer says.
 */
function sensorOnlyPrinter(): { line: Duplex; told: string[] } {
  const [driverEnd, printerEnd] = linePair();
  const parser = new CommandParser();
  const told: string[] = [];
  const answers: Record<string, string> = {
    Rst: 'READY;DEVICE_READY',
    'Rlr;p': 'OK',
    'Rse;f': '5,00 Volts',
    'Rse;n': '0,00 Volts',
    'Rlr;h': 'NO CARD',
    'Pem;2': 'OK',
    'Pneab;E': 'OK',
  };
  printerEnd.on('data', (chunk: Buffer) => {
    for (const frame of parser.push(chunk)) {
      if (frame.kind !== 'command') continue;
      const key = [frame.name, ...frame.params].join(';');
      told.push(key);
      printerEnd.write(`${answers[key] ?? `ERR;ERR_COMMAND;${frame.name}`}\r`);
    }
  });
  return { line: driverEnd, told };
}

describe('card printer without counters: the count is the one staff entered', () => {
  it('says so (countedBy staff), still tells the printer, and reads its sensors back', async () => {
    const { line, told } = sensorOnlyPrinter();
    const driver = new EvolisCardPrinterDriver({ connect: streamPrinterConnector(line), statusPollMs: 0 });
    await driver.open();
    closers.push(() => driver.close());
    expect(driver.replenishableSupplies().map((s) => `${s.supply}:${s.countedBy}`)).toEqual([
      'cardHopper:staff',
      'ribbon:staff',
      'rejectBin:staff',
    ]);
    expect(await driver.refillSupply('cardHopper', 100)).toEqual({
      supply: 'cardHopper',
      before: null,
      after: null,
    });
    expect(told).toContain('Pco;f;100');
    expect(await driver.emptySupplyBin('rejectBin')).toEqual({
      supply: 'rejectBin',
      before: null,
      after: null,
    });
    expect(told).toContain('Pco;r;0');
    expect(driver.status().supplies.find((s) => s.name === 'cardHopper')?.level).toBe('ok');
  });
});

describe("receipt printer driver: paper is sensed, the roll replaced is staff's count", () => {
  it('refill while the sensor still sees no paper: DEVICE_SUPPLY_EMPTY; more than the one roll a printer holds: MAINTENANCE_OVER_CAPACITY; one roll seated: accepted', async () => {
    const emulator = new EscposPrinterEmulator();
    const { host, port } = await emulator.listen(0);
    const driver = new EscposPrinterDriver({ connect: tcpPrinterConnector(host, port) });
    await driver.open();
    closers.push(
      () => emulator.close(),
      () => driver.close(),
    );
    emulator.paperOut();
    expect(await codeOf(driver.refillSupply('paper', 1))).toBe(ErrorCode.DEVICE_SUPPLY_EMPTY);
    emulator.loadPaper();
    expect(await codeOf(driver.refillSupply('paper', 2))).toBe(ErrorCode.MAINTENANCE_OVER_CAPACITY);
    expect(await driver.refillSupply('paper', 1)).toEqual({ supply: 'paper', before: null, after: null });
    expect(driver.status().supplies.find((s) => s.name === 'paper')?.level).toBe('ok');
    expect(await codeOf(driver.emptySupplyBin('rejectBin'))).toBe(ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN);
  });
});

describe('card reader: the capture bin emptied', () => {
  it('a retained card counted in the bin, the bin back to 0; a reader has no stock to refill', async () => {
    const reader = new EmulatedCardReader({ today: new Date('2026-11-26'), captureBin: { capacity: 5 } });
    await reader.open();
    closers.push(() => reader.close());
    await reader.insertCard('zhang');
    await reader.retract();
    expect(reader.replenishableSupplies()).toEqual([
      { supply: 'captureBin', role: 'bin', unit: 'cards', countedBy: 'device' },
    ]);
    expect(await reader.emptySupplyBin('captureBin')).toEqual({ supply: 'captureBin', before: 1, after: 0 });
    expect(await codeOf(reader.refillSupply('captureBin', 1))).toBe(ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN);
  });
});

describe('self tests for field staff clearing a fault', () => {
  it('GA 467 ID reader: a SAM failure still there keeps it faulty; once gone, the self test passes', async () => {
    const [host, device] = linePair();
    const emulator = new Ga467IdReaderEmulator();
    emulator.attach(device);
    const reader = new Ga467IdReader(host, { cardPollMs: 0 });
    await reader.open();
    closers.push(() => reader.close());
    emulator.setFault({ kind: 'samFailure' });
    const faulty = await reader.selfTest();
    expect(faulty.device).not.toBe('online');
    expect(faulty.fault?.code).toBeDefined();
    emulator.setFault(null);
    expect((await reader.selfTest()).device).toBe('online');
  });

  it('cash dispenser emulator: offline stays offline until put right', async () => {
    const d = new CashDispenserEmulator();
    await d.open();
    d.setFault('offline');
    expect((await d.selfTest()).device).toBe('offline');
    d.setFault(null);
    expect((await d.selfTest()).device).toBe('online');
  });
});
