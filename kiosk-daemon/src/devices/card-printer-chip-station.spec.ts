/**
 * Which reader the card printer's chip station encodes on, by the card reader's rule: vpcd only on
 * a vpcd rig. A real terminal (`cardReader: { driver: pcsc }`, a real printer over TCP) never
 * gets the vpcd slot: its encoder is the PC/SC reader `chipStationReaderName` names, or the
 * station is offline with a coded error and a log line naming the missing setting. An emulated
 * printer beside a real PC/SC reader keeps its blanks in-process.
 */
import { EventEmitter } from 'node:events';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import { virtualCardsFor, type PcscContext, type PcscLiteFactory } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { createCardPrinterDevices, type CardPrinterDevices } from './card-printer-devices.js';
import { realEvolisPrinter } from './real-card-devices.spec-support.js';

/** A PC/SC reader as pcscd shows it: a card present, connects recorded, every APDU answered 9000. */
class Reader extends EventEmitter {
  readonly connects: number[] = [];
  connected = false;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = 0x20;
  readonly SCARD_STATE_EMPTY = 0x10;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  constructor(readonly name: string) {
    super();
  }
  connect(options: { share_mode?: number }, cb: (e: Error | null, p?: number) => void) {
    this.connects.push(options.share_mode ?? -1);
    this.connected = true;
    cb(null, 2);
  }
  transmit(_data: Buffer, _len: number, _p: number, cb: (e: Error | null, d?: Buffer) => void) {
    cb(null, Buffer.from([0x90, 0x00]));
  }
  disconnect(_d: number, cb: () => void) {
    this.connected = false;
    cb();
  }
  close() {}
}

/** pcscd of a real terminal: the customer reader and the printer's encoder, each with a card. */
function realTerminalPcsc(names: string[]) {
  const readers = new Map<string, Reader>();
  const opened = { contexts: 0 };
  const factory: PcscLiteFactory = () => {
    opened.contexts += 1;
    const context = Object.assign(new EventEmitter(), { readers: {} as Record<string, Reader>, close() {} });
    setImmediate(() => {
      for (const name of names) {
        const reader = new Reader(name);
        readers.set(name, reader);
        context.readers[name] = reader;
        context.emit('reader', reader);
        reader.emit('status', { state: 0x20, atr: Buffer.from([0x3b, 0x00]) });
      }
    });
    return context as unknown as PcscContext;
  };
  return { readers, opened, factory };
}

const CUSTOMER_READER = 'ACS ACR39U ICC Reader 00 00';
const ENCODER = 'Evolis Primacy 2 Contact Encoder 00 00';

/** The test profile with a PC/SC card reader (as the production profile's) and the given printer. */
function configWith(cardReader: Record<string, unknown>, cardPrinter: KioskConfig['devices']['cardPrinter']) {
  const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
  return {
    ...base,
    devices: {
      ...base.devices,
      cardReader: { driver: 'pcsc', moveTimeoutMs: 10_000, ...cardReader },
      cardPrinter,
    },
  } as KioskConfig;
}

describe('card printer devices: the chip station on a PC/SC terminal', () => {
  let devices: CardPrinterDevices | undefined;
  let logs: string[];
  beforeEach(() => {
    logs = [];
  });
  afterEach(async () => {
    await devices?.close();
    devices = undefined;
  });
  const make = (config: KioskConfig, pcsclite: PcscLiteFactory) =>
    (devices = createCardPrinterDevices(config, virtualCardsFor({}), (m) => logs.push(m), { pcsclite }));

  it('a real terminal’s chip station is not put on vpcd: offline, coded, the missing setting named', async () => {
    const pcscd = realTerminalPcsc([CUSTOMER_READER, ENCODER]);
    const made = make(configWith({}, realEvolisPrinter), pcscd.factory);
    await new Promise((r) => setImmediate(r));
    expect(logs.join('\n')).not.toMatch(/Virtual PCD/);
    expect(logs).toContainEqual(expect.stringMatching(/chip station is offline: .*chipStationReaderName/));
    await expect(made.chipStation.readChipSerial()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      details: { device: 'chipStation', missing: 'devices.cardReader.chipStationReaderName' },
    });
    // no reader of the terminal was touched: neither the customer's nor the encoder
    expect([...pcscd.readers.values()].flatMap((reader) => reader.connects)).toEqual([]);
  });

  it('a real terminal’s chip station encodes on the reader chipStationReaderName names', async () => {
    const pcscd = realTerminalPcsc([CUSTOMER_READER, ENCODER]);
    const made = make(configWith({ chipStationReaderName: ENCODER }, realEvolisPrinter), pcscd.factory);
    expect(logs).toContainEqual(`Card printer: the chip station is the PC/SC reader "${ENCODER}".`);
    await new Promise((r) => setImmediate(r)); // pcscd shows its readers
    await made.chipStation.readChipSerial().catch(() => undefined);
    expect(pcscd.readers.get(ENCODER)?.connects.length).toBeGreaterThan(0);
    expect(pcscd.readers.get(CUSTOMER_READER)?.connects).toEqual([]);
  });

  it("fault: chip station link's start throws at construction (a PC/SC binding whose context is broken): the station is down with the error's code, said in the daemon's log by it", async () => {
    const broken: PcscLiteFactory = () => ({}) as PcscContext; // a context without its events
    const made = make(configWith({ chipStationReaderName: ENCODER }, realEvolisPrinter), broken);
    // the link's start at construction, which resolves once what its set-up made is closed
    const said = "Card printer: the chip station's link could not be started: INTERNAL";
    await eventually(() => logs, 'the start said in the log', {
      withinMs: 5000,
      until: (l) => l.includes(said),
    });
    expect(made.chipStation.fault()).toMatchObject({
      code: ErrorCode.INTERNAL,
      message: expect.stringContaining(`"${ENCODER}") could not be started (INTERNAL)`),
    });
  });

  it('an emulated printer beside a real PC/SC reader keeps its blanks in-process, not on vpcd', async () => {
    const pcscd = realTerminalPcsc([CUSTOMER_READER]);
    const base = loadConfig({ profile: 'test' });
    const made = make(configWith({}, base.devices.cardPrinter), pcscd.factory);
    expect(logs.join('\n')).not.toMatch(/Virtual PCD/);
    await made.driver.open();
    await made.driver.feedToChipStation();
    await expect(made.chipStation.readChipSerial()).resolves.toMatch(/^[0-9A-F]{32}$/i);
    expect(pcscd.opened.contexts).toBe(0);
  });

  it('a vpcd rig (vpcdPort set) keeps the chip station on vpcd’s second slot', () => {
    const pcscd = realTerminalPcsc([]);
    const base = loadConfig({ profile: 'test' });
    make(configWith({ vpcdPort: 45963 }, base.devices.cardPrinter), pcscd.factory);
    expect(logs).toContainEqual('Card printer: the chip station is the PC/SC reader "Virtual PCD 00 01".');
  });
});
