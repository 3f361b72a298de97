/**
 * The fault: a chip station reader named in `chipStationReaderName` but not among pcscd's readers
 * (unplugged, misnamed) was not seen: only a missing setting or PC/SC binding showed in the card
 * printer's status, and only in the one place that special-cased it. Card making was offered, the
 * resident paid the fee, and the card failed at encoding; code reading the card printer's port
 * directly (field staff clearing its fault, recovery, the fleet's pushes) never saw the station.
 * Now the card printer's port is the printer with its station: its self test looks for the named
 * reader, its status reads offline naming it, pcscd's reader events push the change, and the
 * reader plugged back brings card making back.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { serviceReasons, ServiceReason } from '@kiosk/state-machines';
import type { CardPrinterDevices } from './card-printer-devices.js';
import {
  CUSTOMER_READER,
  ENCODER,
  offersCardMaking,
  othersOnline,
  realTerminalCardPrinter,
  ScriptedPcscd,
} from './chip-station-readers.spec-support.js';

describe('card printer: the chip station reader named but absent', () => {
  let devices: CardPrinterDevices | undefined;
  afterEach(async () => {
    await devices?.close();
    devices = undefined;
  });
  const realTerminal = async (pcscd: ScriptedPcscd) => (devices = await realTerminalCardPrinter(pcscd));

  it('chip station reader named but absent at self test: card making not offered', async () => {
    const made = await realTerminal(new ScriptedPcscd([CUSTOMER_READER]));
    await made.printer.open(); // the boot's self test
    expect(made.driver.status().device).toBe('online'); // the printer itself answers
    const status = made.printer.status();
    expect(status).toMatchObject({
      kind: 'cardPrinter',
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringContaining(`"${ENCODER}"`) },
    });
    expect(status.fault?.message).toMatch(/not connected/);
    expect(offersCardMaking(status)).toBe(false);
    expect(serviceReasons([...othersOnline(), status])).toContain(ServiceReason.CARD_PRINTER_DOWN);
    // field staff re-running the card printer's self test: still down, still saying why
    expect(await made.printer.selfTest?.()).toMatchObject({ device: 'offline', fault: status.fault });
  });

  it('chip station reader plugged in after the self test: card making offered again, pushed', async () => {
    const pcscd = new ScriptedPcscd([CUSTOMER_READER]);
    const made = await realTerminal(pcscd);
    await made.printer.open();
    const pushed: DeviceStatus[] = [];
    made.printer.onStatus((s) => pushed.push(s));
    expect(offersCardMaking(made.printer.status())).toBe(false);
    pcscd.plug(ENCODER);
    expect(made.printer.status()).toMatchObject({ device: 'online' });
    expect(made.printer.status().fault).toBeUndefined();
    expect(pushed.map((s) => s.device)).toEqual(['online']);
    expect(offersCardMaking(made.printer.status())).toBe(true);
  });

  it('chip station reader unplugged after boot: the card printer goes down, pushed', async () => {
    const pcscd = new ScriptedPcscd([CUSTOMER_READER, ENCODER]);
    const made = await realTerminal(pcscd);
    await made.printer.open();
    expect(offersCardMaking(made.printer.status())).toBe(true);
    const pushed: DeviceStatus[] = [];
    made.printer.onStatus((s) => pushed.push(s));
    pcscd.unplug(ENCODER);
    expect(pushed).toEqual([
      expect.objectContaining({
        device: 'offline',
        fault: expect.objectContaining({ code: ErrorCode.DEVICE_OFFLINE }),
      }),
    ]);
    expect(offersCardMaking(made.printer.status())).toBe(false);
    pcscd.plug(ENCODER);
    expect(pushed.map((s) => s.device)).toEqual(['offline', 'online']);
  });
});
