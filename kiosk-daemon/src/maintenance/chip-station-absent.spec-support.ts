/**
 * A field staff visit to a kiosk whose card printer's chip station reader is absent (unplugged,
 * misnamed): the card printer of a real terminal over a scripted pcscd that lists the customer's
 * reader only (the spec plugs the encoder back with `pcscd.plug(ENCODER)`), the staff journal in a
 * temporary folder, and the maintenance service with its device checks, no session running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardPrinterDevices } from '../devices/card-printer-devices.js';
import {
  CUSTOMER_READER,
  realTerminalCardPrinter,
  ScriptedPcscd,
} from '../devices/chip-station-readers.spec-support.js';
import type { DevicesService } from '../devices/devices.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { maintenanceOn, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

export async function chipStationAbsentVisit(folderPrefix: string) {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  const config = staffConfig(dir);
  const { db, journal } = await openSpecJournal(config);
  const pcscd = new ScriptedPcscd([CUSTOMER_READER]);
  const cardMaking: CardPrinterDevices & { close(): Promise<void> } = await realTerminalCardPrinter(pcscd);
  await cardMaking.printer.open();
  const staff = staffPinPad();
  // the daemon's devices as field staff's checks read them: the card printer is its port
  const devices = {
    pinPad: staff.pinPad,
    cardPrinter: cardMaking.printer,
    statuses: () => [cardMaking.printer.status()],
    emulators: {},
  } as unknown as DevicesService;
  const { maintenance, checks } = maintenanceOn(devices, journal, config, {} as SessionRecoveryService);
  return {
    db,
    journal,
    pcscd,
    cardMaking,
    devices,
    staff,
    maintenance,
    checks,
    async close(): Promise<void> {
      await maintenance.onApplicationShutdown();
      await cardMaking.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
