/**
 * The chip-encoding station of the card printer on the real PC/SC stack: pcscd's second vpcd
 * slot carries the blank on the station's contacts, personalised through pcsclite → pcscd, then
 * printed, taken and read back. The card printer's port carries the station's reach: a station
 * reader named but absent reads as the printer offline, naming it, and a reader unplugged and
 * plugged back (pcscd back without it, then with it) takes the printer down and up, pushed. A
 * restart of pcscd ends once the restarted pcscd is ready.
 * With CI=true a missing stack fails (in pcsc-card-reader.e2e-spec).
 */
import { jest } from '@jest/globals';
import { SecurePin } from '../../src/common/secure-pin.js';
import {
  blankCardMemory,
  createDemoCards,
  DEMO_ISSUER_KEY,
  demoCardSpec,
  deriveCardKey,
  EmulatedCardReader,
  InMemoryCardStore,
  IssuerChipSession,
  missingPcscStack,
  PcscChipLink,
  VpcdCardLink,
} from '../../src/card-reader/index.js';
import { demoResident, ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { CardPrinterWithChipStation } from '../../src/card-printer/card-printer-with-chip-station.js';
import { ChipStation } from '../../src/card-printer/chip-station.js';
import { EvolisCardPrinterDriver } from '../../src/card-printer/evolis-card-printer.driver.js';
import { EvolisPrinterEmulator } from '../../src/card-printer/evolis-printer.emulator.js';
import { tcpPrinterConnector } from '../../src/receipt-printer/printer-connectors.js';
import { pcscdForSuite } from './pcsc-card-reader.helpers.js';

jest.setTimeout(30_000);

const describePcsc = missingPcscStack() ? describe.skip : describe;
const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));
const today = new Date('2026-11-26');
const ENCODER = 'Evolis Primacy 2 Contact Encoder 00 00';

/** The card printer (the emulator over loopback TCP) with its chip station on the PC/SC reader named. */
async function cardPrinterOn(readerName: string) {
  const emulator = new EvolisPrinterEmulator({ hopper: 2 });
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port), statusPollMs: 0 });
  const link = new PcscChipLink({ readerName, reconnectIntervalMs: 200 });
  const printer = new CardPrinterWithChipStation(driver, new ChipStation(link, { readerName }));
  const close = async () => {
    await printer.close();
    await link.close();
    await emulator.close();
  };
  return { printer, close };
}

/** The first status the printer pushes that `wanted` accepts. */
const pushed = (printer: CardPrinterWithChipStation, wanted: (s: DeviceStatus) => boolean) =>
  new Promise<DeviceStatus>((resolve) => {
    const off = printer.onStatus((s) => wanted(s) && (off(), resolve(s)));
  });

describePcsc('card printer chip station through pcscd and vpcd', () => {
  // with its trace, pcscd prints its start in many lines before its ready line (the restart case)
  const pcscd = pcscdForSuite({ debug: true });

  it('chip station on the second slot: personalises a blank through pcscd', async () => {
    const cards = createDemoCards({
      store: new InMemoryCardStore(),
      extraCards: [blankCardMemory('blank-0001')],
    });
    const contacts = new VpcdCardLink({ port: pcscd().ports[1] });
    const link = new PcscChipLink({ readerName: pcscd().readerNames[1] });
    try {
      expect(await link.start()).toBe('online');
      await contacts.attach(cards.open('blank-0001')!);
      const session = new IssuerChipSession(link);
      const fields = {
        ...demoCardSpec(demoResident('zhao')!, today).fields,
        cardIdentifier: blankCardMemory('blank-0001').chipSerial,
      };
      const card = await session.personalise(DEMO_ISSUER_KEY, fields, pinOf('123456'));
      expect(card).toMatchObject({ name: '赵丽', idNumber: demoResident('zhao')!.idNumber });
    } finally {
      await link.close();
      await contacts.close();
    }
  });

  it('card printer: the emulator’s blank reaches the chip station slot; personalised, printed, taken, read', async () => {
    const cards = createDemoCards({ store: new InMemoryCardStore() });
    const contacts = new VpcdCardLink({ port: pcscd().ports[1] });
    const link = new PcscChipLink({ readerName: pcscd().readerNames[1] });
    const printer = new EvolisPrinterEmulator({ hopper: 2, chipStation: { cards, contacts } });
    try {
      expect(await link.start()).toBe('online');
      await printer.mechanics.feedToChipStation();
      const station = new ChipStation(link);
      const serial = await station.readChipSerial();
      const cardKey = deriveCardKey(DEMO_ISSUER_KEY, Buffer.from(serial, 'hex'));
      const fields = { ...demoCardSpec(demoResident('zhao')!, today).fields, cardIdentifier: serial };
      await station.personalise(cardKey, fields, pinOf('123456'));
      await printer.mechanics.print();
      await printer.mechanics.present();
      const cardId = printer.takeCard();
      expect(cardId).not.toBeNull();
      const reader = new EmulatedCardReader({ cards });
      await reader.open();
      try {
        await reader.insertCard(cardId!);
        expect(await reader.readCard()).toMatchObject({ name: '赵丽', cardIdentifier: serial });
        expect(await reader.verifyPin(pinOf('123456'))).toEqual({ result: 'ok' });
      } finally {
        await reader.close();
      }
    } finally {
      await printer.close();
      await link.close();
      await contacts.close();
    }
  });

  it('chip station reader named but absent at self test: the card printer reads offline, naming it', async () => {
    const made = await cardPrinterOn(ENCODER);
    try {
      await made.printer.open();
      expect(made.printer.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringContaining(`"${ENCODER}"`) },
      });
    } finally {
      await made.close();
    }
  });

  it('chip station reader unplugged after boot: the card printer goes down, and up when it is back', async () => {
    const made = await cardPrinterOn(pcscd().readerNames[1]);
    try {
      await made.printer.open();
      expect(made.printer.status()).toMatchObject({ device: 'online' });
      const unplugged = pushed(made.printer, (s) => /not connected/.test(s.fault?.message ?? ''));
      await pcscd().restart({ readers: false }); // pcscd back without the station's reader
      expect(await unplugged).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringContaining('"Virtual PCD 00 01"') },
      });
      const back = pushed(made.printer, (s) => s.device === 'online');
      await pcscd().restart();
      expect((await back).fault).toBeUndefined();
    } finally {
      await made.close();
    }
  });

  it('fault: pcscd-restart-taken-as-ready-at-its-first-line: restart() resolves once the restarted pcscd said it is ready', async () => {
    // the rig looked for the ready line in all it had kept of pcscd, the line of the pcscd before
    // among it: a restart ended at the first line the new pcscd printed, tens of lines before its
    // own ready line (here, with its trace), while it still set its readers up
    const readyLines = () => pcscd().output().split('daemon ready').length - 1;
    const before = readyLines();
    await pcscd().restart();
    expect(readyLines()).toBe(before + 1);
  });
});
