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
import { ErrorCode } from '@kiosk/domain';
import type { CardPrinterDevices } from '../devices/card-printer-devices.js';
import { ENCODER, type ScriptedPcscd } from '../devices/chip-station-readers.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import { chipStationAbsentVisit } from './chip-station-absent.spec-support.js';
import type { MaintenanceService } from './maintenance.service.js';
import { codeOf, visitSteps as stepsOfVisit } from './staff-journal.spec-support.js';

let visit: Awaited<ReturnType<typeof chipStationAbsentVisit>>;
let journal: JournalService;
let cardMaking: CardPrinterDevices;
let pcscd: ScriptedPcscd;
let maintenance: MaintenanceService;
let checks: typeof visit.checks;
let staff: typeof visit.staff;

beforeEach(async () => {
  visit = await chipStationAbsentVisit('test-card-station-');
  ({ journal, cardMaking, pcscd, maintenance, checks, staff } = visit);
});

afterEach(() => visit.close());

const supply = (name: string) => cardMaking.printer.status().supplies.find((s) => s.name === name)?.count;

const visitSteps = () => stepsOfVisit(journal);

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
