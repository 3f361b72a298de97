/**
 * A kiosk whose card printer is a model without card counters (the emulator's
 * `reportsCounters: false`) for the e2e specs of its reject bin: its daemon booted (the kill
 * harness's point armed or not), the printer's mechanism file and the journal's count of the bin
 * read back, and field staff emptying the bin in a visit.
 */
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { daemonStart, stateFile, WAIT_MS, type LiveWorld } from './kill-harness-world.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';

/** the card printer a model without card counters */
export const UNCOUNTED = ['--set', 'devices.cardPrinter.reportsCounters=false'];

export interface PrinterState {
  readonly rejectBin: number;
  readonly rejected: number;
  readonly position: string;
}

export const printerOf = (world: LiveWorld) => stateFile<PrinterState>(world, 'card-printer.json');

/** The reject bin's count in the journal's last card printer counters record (undefined: none). */
export async function journalBin(world: LiveWorld): Promise<number | undefined> {
  const [row] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.counters) as { rejectBin?: number }).rejectBin : undefined;
}

export async function boot(
  world: LiveWorld,
  crashAt?: string,
): Promise<{ daemon: DaemonProcess; ui: UiClient }> {
  const armed = crashAt ? ['--set', `journal.crashAt=${crashAt}`] : [];
  const daemon = await startDaemon([...world.args, ...armed], daemonStart(world.dir));
  const ui = new UiClient(daemon.url);
  await ui.connected();
  return { daemon, ui };
}

/**
 * Field staff empty the printer's reject bin in a visit, taking out `counted` cards, where the
 * journal counts `journalCount` (the printer shows no count of its own): accepted only when the
 * two agree (MAINTENANCE_COUNT_MISMATCH otherwise); the journal counts 0 after.
 */
export async function staffEmptyTheBin(
  ui: UiClient,
  {
    counted,
    journalCount,
    first,
  }: {
    counted: number;
    journalCount: number | null;
    /** what staff do first in the same visit, with its token */
    first?: (token: string) => Promise<void>;
  },
): Promise<void> {
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const login = await staffLogIn(ui.url, ui, DEMO_ENGINEER);
  const token = (login.body as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`staff log-in refused: ${JSON.stringify(login)}`);
  await first?.(token);
  const view = await maintenanceCall(ui.url, 'GET', '/maintenance/view', { token });
  const bin = (view.body.supplies as { device: string; supply: string }[]).find(
    (s) => s.device === 'cardPrinter' && s.supply === 'rejectBin',
  );
  // the printer says nothing of the bin's count: staff's and the journal's are the count
  expect(bin).toMatchObject({ count: null, countedBy: 'staff', journalCount });
  const emptied = await maintenanceCall(ui.url, 'POST', '/maintenance/empty-bin', {
    token,
    body: { device: 'cardPrinter', supply: 'rejectBin', counted },
  });
  expect(emptied).toMatchObject({ status: 200, body: { after: null } });
  await maintenanceCall(ui.url, 'POST', '/maintenance/logout', { token });
  await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('issueCard'), WAIT_MS);
}
