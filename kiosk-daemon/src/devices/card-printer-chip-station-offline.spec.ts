/**
 * The fault: a real terminal's chip station offline (no `chipStationReaderName`, or no PC/SC
 * binding) had no status of its own, so card making was offered, the resident paid the fee, and
 * only personalisation failed DEVICE_OFFLINE. The card printer's reported status now carries the
 * station's coded fault: card making is not offered, and the fleet sees why.
 */
import { EventEmitter } from 'node:events';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import {
  EvolisPrinterEmulator,
  virtualCardsFor,
  type PcscContext,
  type PcscLiteFactory,
} from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { journeysOffered, serviceReasons, ServiceReason } from '@kiosk/state-machines';
import { createCardPrinterDevices, type CardPrinterDevices } from './card-printer-devices.js';
import { othersOnline } from './chip-station-readers.spec-support.js';

/** pcscd showing these readers (none: the binding loads, the station's reader is never named). */
const pcscWith =
  (names: string[]): PcscLiteFactory =>
  () => {
    const context = Object.assign(new EventEmitter(), { readers: {}, close() {} });
    setImmediate(() => {
      for (const name of names) {
        const reader = Object.assign(new EventEmitter(), { name, connected: false, close() {} });
        context.emit('reader', reader);
        reader.emit('status', { state: 0x10 });
      }
    });
    return context as unknown as PcscContext;
  };

describe('card printer devices: a chip station known to be unusable', () => {
  let printer: EvolisPrinterEmulator | undefined;
  let devices: CardPrinterDevices | undefined;
  afterEach(async () => {
    await devices?.printer.close();
    await devices?.close();
    await printer?.close();
    devices = printer = undefined;
  });

  /** A real terminal: PC/SC card reader, the printer over TCP (here the byte-level emulator). */
  async function realTerminal(
    cardReader: Record<string, unknown>,
    readers: string[] = [],
  ): Promise<CardPrinterDevices> {
    const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
    const entry = base.devices.cardPrinter;
    if (entry.driver !== 'emulator') throw new Error('the test profile emulates the card printer');
    printer = new EvolisPrinterEmulator({
      hopper: entry.hopper,
      ribbon: entry.ribbonPrints,
      rejectBinCapacity: entry.rejectBinCapacity,
    });
    const { host, port } = await printer.listen(0, '127.0.0.1');
    const config = {
      ...base,
      devices: {
        ...base.devices,
        cardReader: { driver: 'pcsc', moveTimeoutMs: 10_000, ...cardReader },
        cardPrinter: { driver: 'tcp', host, port, embosser: false },
      },
    } as KioskConfig;
    devices = createCardPrinterDevices(config, virtualCardsFor({}), () => undefined, {
      pcsclite: pcscWith(readers),
    });
    await devices.printer.open();
    return devices;
  }

  it('card making is not offered when the chip station is offline', async () => {
    const made = await realTerminal({});
    expect(made.driver.status().device).toBe('online'); // the printer itself answers
    const status = made.printer.status();
    expect(status).toMatchObject({
      kind: 'cardPrinter',
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringMatching(/chipStationReaderName/) },
    });
    expect(status.supplies.map((s) => s.name)).toEqual(
      expect.arrayContaining(['cardHopper', 'ribbon', 'rejectBin']),
    );
    const statuses = [...othersOnline(), status];
    expect(journeysOffered(statuses)).not.toContain('issueCard');
    expect(journeysOffered(statuses)).not.toContain('replaceCard');
    expect(journeysOffered(statuses)).toContain('balance');
    expect(serviceReasons(statuses)).toContain(ServiceReason.CARD_PRINTER_DOWN);
  });

  it('card making is offered when the chip station’s named reader is connected', async () => {
    const encoder = 'Evolis Primacy 2 Contact Encoder 00 00';
    const made = await realTerminal({ chipStationReaderName: encoder }, [encoder]);
    const status = made.printer.status();
    expect(status.device).toBe('online');
    expect(status.fault).toBeUndefined();
    expect(journeysOffered([...othersOnline(), status])).toEqual(
      expect.arrayContaining(['issueCard', 'replaceCard']),
    );
  });
});
