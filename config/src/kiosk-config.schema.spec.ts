/** The schema's own rules, apart from files: loopback addresses and the shapes of device entries. */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_POSITION_WAIT_MS,
  DEFAULT_DISPENSER_BOUNDS,
  DEFAULT_HEAD_COOL_WAIT_MS,
  DEFAULT_PCSC_READER_WAIT_MS,
} from '@kiosk/domain';
import { DevicesConfigSchema } from './devices-config.schema.js';
import { isLoopbackAddress } from './kiosk-config.schema.js';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'accepts %s',
    (host) => expect(isLoopbackAddress(host)).toBe(true),
  );

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '128.0.0.1',
    '::2',
    '1::1',
    '::ffff:10.0.0.1',
    'localhost',
    '127.0.0.1.example.invalid',
    '127.0.0.256',
    '',
  ])('refuses %s', (host) => expect(isLoopbackAddress(host)).toBe(false));
});

describe('device entries', () => {
  const emulators = {
    cardReader: { driver: 'emulator' },
    receiptPrinter: { driver: 'emulator' },
    cardPrinter: { driver: 'emulator' },
    cashDispenser: { driver: 'emulator' },
    idReader: { driver: 'emulator' },
    pinPad: { driver: 'emulator' },
    camera: { driver: 'emulator' },
  };

  const lcdmCassettes = {
    upper: { denominationFen: 10000, count: 200 },
    lower: { denominationFen: 5000, count: 200 },
  };

  it("fills in a serial dispenser's speed, thresholds and bins", () => {
    const devices = DevicesConfigSchema.parse({
      ...emulators,
      cashDispenser: { driver: 'lcdm-serial', emulatedOnPseudoTerminal: true, cassettes: lcdmCassettes },
    });
    expect(devices.cashDispenser).toEqual({
      driver: 'lcdm-serial',
      baudRate: 9600,
      emulatedOnPseudoTerminal: true,
      cassettes: {
        upper: { denominationFen: 10000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
        lower: { denominationFen: 5000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      },
      rejectBinCapacity: 50,
      retractBinCapacity: 50,
      cassetteCapacity: 2000,
      ...DEFAULT_DISPENSER_BOUNDS,
    });
  });

  it("fault: a serial dispenser's dispense timeout of 0 ms is refused at its key", () => {
    const parsed = DevicesConfigSchema.safeParse({
      ...emulators,
      cashDispenser: {
        driver: 'lcdm-serial',
        emulatedOnPseudoTerminal: true,
        cassettes: lcdmCassettes,
        dispenseTimeoutMs: 0,
      },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['cashDispenser', 'dispenseTimeoutMs'],
        message: 'expected a positive integer (ms)',
      }),
    ]);
  });

  it("fills in the card reader's bound of a card move, for every driver", () => {
    for (const driver of ['emulator', 'pcsc', 'auto'] as const) {
      const devices = DevicesConfigSchema.parse({ ...emulators, cardReader: { driver } });
      expect(devices.cardReader).toEqual({
        driver,
        moveTimeoutMs: DEFAULT_CARD_MOVE_TIMEOUT_MS,
        // the PC/SC reader's wait at boot (`card-reader-start-wait-config.spec`)
        ...(driver === 'pcsc' ? { startWaitMs: DEFAULT_PCSC_READER_WAIT_MS } : {}),
        // the auto driver's probe before it chooses (the same spec)
        ...(driver === 'auto' ? { probeWaitMs: DEFAULT_PCSC_READER_WAIT_MS } : {}),
        // boot recovery's wait for a reader to say where the card is (`card-position-wait-config.spec`)
        ...(driver !== 'emulator' ? { positionWaitMs: DEFAULT_CARD_POSITION_WAIT_MS } : {}),
      });
    }
  });

  it("fault: a card reader's move timeout of 0 ms is refused at its key", () => {
    const parsed = DevicesConfigSchema.safeParse({
      ...emulators,
      cardReader: { driver: 'emulator', moveTimeoutMs: 0 },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['cardReader', 'moveTimeoutMs'],
        message: 'expected a positive integer (ms)',
      }),
    ]);
  });

  it('accepts an emulator for every device kind, filling in its starting state', () => {
    const devices = DevicesConfigSchema.parse(emulators);
    expect(devices.cashDispenser).toEqual({
      driver: 'emulator',
      cassettes: [{ denominationFen: 10000, count: 200 }],
      retractBinCapacity: 50,
      cassetteCapacity: 2000,
    });
    expect(devices.receiptPrinter).toEqual({
      driver: 'emulator',
      paper: { count: 500, capacity: 500, lowThreshold: 50 },
      headCoolWaitMs: DEFAULT_HEAD_COOL_WAIT_MS,
    });
  });

  it.each([
    ['cardReader', { driver: 'pcsc', readerName: 'ACS ACR39U', chipStationReaderName: 'Chip station 0' }],
    ['cardReader', { driver: 'auto' }],
    ['receiptPrinter', { driver: 'escpos-tcp', host: '127.0.0.1', port: 9100 }],
    ['receiptPrinter', { driver: 'escpos-serial', path: 'ttyS1', baudRate: 38400 }],
    ['receiptPrinter', { driver: 'escpos-serial', emulatedOnPseudoTerminal: true }],
    ['cashDispenser', { driver: 'lcdm-serial', path: 'ttyS2', baudRate: 9600, cassettes: lcdmCassettes }],
    ['cashDispenser', { driver: 'lcdm-serial', emulatedOnPseudoTerminal: true, cassettes: lcdmCassettes }],
    ['idReader', { driver: 'ga467-serial', path: 'ttyUSB0', baudRate: 115200 }],
    ['idReader', { driver: 'ga467-serial', emulatedOnPseudoTerminal: true }],
    ['pinPad', { driver: 'serial', path: '/dev/ttyS3', baudRate: 9600 }],
    ['pinPad', { driver: 'serial', emulatedOnPseudoTerminal: true }],
  ])('accepts %s with %j', (kind, entry) => {
    expect(DevicesConfigSchema.safeParse({ ...emulators, [kind]: entry }).success).toBe(true);
  });

  it.each([
    [
      'serial line at a non-standard speed',
      'idReader',
      { driver: 'ga467-serial', path: 'ttyUSB0', baudRate: 12345 },
    ],
    [
      'serial line without a path',
      'cashDispenser',
      { driver: 'lcdm-serial', baudRate: 9600, cassettes: lcdmCassettes },
    ],
    [
      'serial line with a path and an emulator',
      'idReader',
      { driver: 'ga467-serial', path: 'ttyUSB0', emulatedOnPseudoTerminal: true },
    ],
    [
      'dispenser without its lower cassette',
      'cashDispenser',
      {
        driver: 'lcdm-serial',
        emulatedOnPseudoTerminal: true,
        cassettes: { upper: lcdmCassettes.upper },
      },
    ],
    ['driver name of another device', 'idReader', { driver: 'lcdm-serial', emulatedOnPseudoTerminal: true }],
    ['serial PIN pad with neither a path nor the emulator', 'pinPad', { driver: 'serial', baudRate: 9600 }],
    [
      'serial PIN pad with a path and the emulator',
      'pinPad',
      { driver: 'serial', path: '/dev/ttyS3', emulatedOnPseudoTerminal: true },
    ],
    ['TCP printer on port 0', 'receiptPrinter', { driver: 'escpos-tcp', host: '127.0.0.1', port: 0 }],
    ['PC/SC options on the auto driver', 'cardReader', { driver: 'auto', readerName: 'x' }],
    ['empty cassette list', 'cashDispenser', { driver: 'emulator', cassettes: [] }],
    ['face-match score above 100', 'camera', { driver: 'emulator', matchScore: 101 }],
  ])('refuses a %s', (_fault, kind, entry) => {
    expect(DevicesConfigSchema.safeParse({ ...emulators, [kind]: entry }).success).toBe(false);
  });
});
