/**
 * The fault: field staff's test card (a blank through the chip station and the print station into
 * the reject bin) took a blank whatever the chip station said: with the station's reader absent
 * (unplugged, misnamed) a blank was spent on a check that could only show what the card printer's
 * status already said. The card printer's port refuses to feed while its station is known down:
 * the test card is refused with the station's coded fault (DEVICE_OFFLINE, the reader named),
 * journaled and told to the fleet, and no blank leaves the hopper; the reader plugged back, the
 * test card runs.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { CardPrinterDevices } from '../devices/card-printer-devices.js';
import {
  CUSTOMER_READER,
  ENCODER,
  realTerminalCardPrinter,
  ScriptedPcscd,
} from '../devices/chip-station-readers.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { JournalService } from '../journal/journal.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { MaintenanceService } from './maintenance.service.js';
import {
  codeOf,
  maintenanceOn,
  openSpecJournal,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;
let cardMaking: CardPrinterDevices & { close(): Promise<void> };
let pcscd: ScriptedPcscd;
let maintenance: MaintenanceService;
let checks: ReturnType<typeof maintenanceOn>['checks'];
const staff = staffPinPad();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'test-card-station-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  pcscd = new ScriptedPcscd([CUSTOMER_READER]);
  cardMaking = await realTerminalCardPrinter(pcscd);
  await cardMaking.printer.open();
  const devices = {
    pinPad: staff.pinPad,
    cardPrinter: cardMaking.printer,
    statuses: () => [cardMaking.printer.status()],
    emulators: {},
  } as unknown as DevicesService;
  ({ maintenance, checks } = maintenanceOn(devices, journal, config, {} as SessionRecoveryService));
});

afterEach(async () => {
  await maintenance.onApplicationShutdown();
  await cardMaking.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const supply = (name: string) => cardMaking.printer.status().supplies.find((s) => s.name === name)?.count;

async function visitSteps(): Promise<string[]> {
  const [tx] = await journal.openTransactions();
  return (await journal.stepsOf(tx!.id)).map((s) => `${s.step}:${s.phase}`);
}

describe('field staff’s test card', () => {
  it('test card with the chip station reader absent: refused DEVICE_OFFLINE, no blank spent', async () => {
    const reports = jest.spyOn(maintenance, 'report');
    const token = await staff.logIn(maintenance, 'FS-0001');
    const [blanks, rejected] = [supply('cardHopper'), supply('rejectBin')];
    expect(blanks).toBeGreaterThan(0);
    const refusal = checks.testCard(token);
    expect(await codeOf(refusal)).toBe(ErrorCode.DEVICE_OFFLINE);
    await refusal.catch((e: { message: string; details?: unknown }) => {
      expect(e.message).toContain(`"${ENCODER}"`);
      expect(e.details).toMatchObject({ device: 'chipStation' });
    });
    expect([supply('cardHopper'), supply('rejectBin')]).toEqual([blanks, rejected]);
    expect(cardMaking.printer.cardPosition()).toBe('none');
    expect(reports).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'testCard', device: 'cardPrinter', code: ErrorCode.DEVICE_OFFLINE }),
    );
    pcscd.plug(ENCODER); // field staff plug the encoder back: the test card runs, one blank rejected
    await expect(checks.testCard(token)).resolves.toEqual({ rejected: true });
    expect([supply('cardHopper'), supply('rejectBin')]).toEqual([blanks! - 1, rejected! + 1]);
    expect((await visitSteps()).slice(1)).toEqual([
      'maintenance.testCard:intent',
      'maintenance.testCard.feed:intent',
      'maintenance.testCard.feed:failed',
      'maintenance.testCard:failed',
      'maintenance.testCard:intent',
      'maintenance.testCard.feed:intent',
      'maintenance.testCard.feed:done',
      'maintenance.testCard.reject:intent',
      'maintenance.testCard.reject:done',
      'maintenance.testCard:done',
    ]);
  });
});
