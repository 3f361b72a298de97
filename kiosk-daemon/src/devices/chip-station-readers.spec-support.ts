/**
 * What the chip station specs share: a real terminal's pcscd whose readers the spec plugs and
 * unplugs (pcsclite's events as the binding emits them), the card printer of such a terminal (a
 * printer over TCP, here the byte-level emulator; the encoder named `ENCODER`), and the other
 * devices online, as the kiosk's offer reads them.
 */
import { EventEmitter } from 'node:events';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import {
  EvolisPrinterEmulator,
  virtualCardsFor,
  type PcscContext,
  type PcscLiteFactory,
} from '@kiosk/device-drivers';
import { DEVICE_KINDS, type DeviceStatus } from '@kiosk/domain';
import { journeysOffered } from '@kiosk/state-machines';
import { createCardPrinterDevices, type CardPrinterDevices } from './card-printer-devices.js';

export const CUSTOMER_READER = 'ACS ACR39U ICC Reader 00 00';
export const ENCODER = 'Evolis Primacy 2 Contact Encoder 00 00';

/** pcscd of a real terminal whose readers are plugged and unplugged by the spec. */
export class ScriptedPcscd {
  private context: EventEmitter | undefined;
  private readonly readers = new Map<string, EventEmitter>();
  constructor(private readonly atBoot: string[]) {}
  readonly factory: PcscLiteFactory = () => {
    const context = Object.assign(new EventEmitter(), { readers: {}, close() {} });
    this.context = context;
    setImmediate(() => this.atBoot.forEach((name) => this.plug(name)));
    return context as unknown as PcscContext;
  };
  plug(name: string): void {
    const reader = Object.assign(new EventEmitter(), {
      name,
      connected: false,
      SCARD_STATE_PRESENT: 0x20,
      SCARD_STATE_EMPTY: 0x10,
      SCARD_STATE_MUTE: 0x200,
      close() {},
    });
    this.readers.set(name, reader);
    this.context?.emit('reader', reader);
    reader.emit('status', { state: 0x10 });
  }
  unplug(name: string): void {
    this.readers.get(name)?.emit('end');
    this.readers.delete(name);
  }
}

/** Every other device online with stock, as the emulators report them. */
export function othersOnline(): DeviceStatus[] {
  const updatedAt = new Date().toISOString();
  return DEVICE_KINDS.filter((kind) => kind !== 'cardPrinter').map((kind) => ({
    kind,
    device: 'online',
    supplies:
      kind === 'receiptPrinter'
        ? [{ name: 'paper', level: 'ok' }]
        : kind === 'cashDispenser'
          ? [{ name: 'cassette:upper', level: 'ok' }]
          : [],
    driver: 'emulator',
    updatedAt,
  }));
}

/** Whether the kiosk offers card making with this card printer status and the rest online. */
export const offersCardMaking = (printer: DeviceStatus) =>
  journeysOffered([...othersOnline(), printer]).includes('issueCard');

/**
 * The card printer of a real terminal (PC/SC card reader, a printer over TCP) whose encoder is
 * named `ENCODER`, on `pcscd` (a `ScriptedPcscd`, or a binding of the spec's own), its lines to
 * `log`; `close()` closes all it made.
 */
export async function realTerminalCardPrinter(
  pcscd: { readonly factory: PcscLiteFactory },
  log: (message: string) => void = () => undefined,
): Promise<CardPrinterDevices & { readonly printerEmulator: EvolisPrinterEmulator; close(): Promise<void> }> {
  const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
  const printer = new EvolisPrinterEmulator({ hopper: 20, ribbon: 100, rejectBinCapacity: 20 });
  const { host, port } = await printer.listen(0, '127.0.0.1');
  const config = {
    ...base,
    devices: {
      ...base.devices,
      cardReader: { driver: 'pcsc', moveTimeoutMs: 10_000, chipStationReaderName: ENCODER },
      cardPrinter: { driver: 'tcp', host, port, embosser: false },
    },
  } as KioskConfig;
  const devices = createCardPrinterDevices(config, virtualCardsFor({}), log, {
    pcsclite: pcscd.factory,
    readerWaitMs: 100,
  });
  return {
    ...devices,
    /** the printer itself: the resident's hands at its slot */
    printerEmulator: printer,
    close: async () => {
      await devices.printer.close();
      await devices.close();
      await printer.close();
    },
  };
}
