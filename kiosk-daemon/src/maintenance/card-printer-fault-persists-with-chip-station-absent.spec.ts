/**
 * The fault: field staff clearing the card printer's fault re-ran the printer's own self test
 * only: with the chip station's reader absent (unplugged, misnamed) the printer answered healthy,
 * the clear was journaled done and told to the fleet, while card making stayed down for a reason
 * staff were never shown. The card printer's port carries its station now: clearing reads the
 * station too, and the fault persists, coded, until the reader is back.
 */
import { ErrorCode } from '@kiosk/domain';
import { ENCODER, type ScriptedPcscd } from '../devices/chip-station-readers.spec-support.js';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { chipStationAbsentVisit } from './chip-station-absent.spec-support.js';
import type { MaintenanceService } from './maintenance.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { codeOf, visitSteps as stepsOfVisit } from './staff-journal.spec-support.js';

let visit: Awaited<ReturnType<typeof chipStationAbsentVisit>>;
let journal: JournalService;
let pcscd: ScriptedPcscd;
let maintenance: MaintenanceService;
let checks: typeof visit.checks;
let staff: typeof visit.staff;
let views: MaintenanceViewService;

beforeEach(async () => {
  visit = await chipStationAbsentVisit('card-printer-fault-');
  ({ journal, pcscd, maintenance, checks, staff } = visit);
  // the staff view reads every device staff refill: the others have nothing to refill here
  const nothingToRefill = {
    status: () => ({ supplies: [] }),
    replenishableSupplies: () => [],
    cardPosition: () => 'none',
  };
  views = new MaintenanceViewService(
    maintenance,
    {
      ...visit.devices,
      receiptPrinter: nothingToRefill,
      cashDispenser: nothingToRefill,
      cardReader: nothingToRefill,
    } as unknown as DevicesService,
    journal.counters,
    new MaintenanceSupplyLog(visit.db),
    checks,
    journal,
  );
});

afterEach(() => visit.close());

const visitSteps = () => stepsOfVisit(journal);

describe('clearing the card printer’s fault', () => {
  it('clearing the card printer’s fault with its chip station reader absent: the fault persists', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    const refusal = checks.clearFault(token, 'cardPrinter');
    expect(await codeOf(refusal)).toBe(ErrorCode.MAINTENANCE_FAULT_PERSISTS);
    await refusal.catch((e: { details?: unknown }) =>
      expect(e.details).toMatchObject({ device: 'cardPrinter', fault: ErrorCode.DEVICE_OFFLINE }),
    );
    pcscd.plug(ENCODER); // field staff plug the encoder back
    expect((await checks.clearFault(token, 'cardPrinter')).status).toMatchObject({ device: 'online' });
    expect((await visitSteps()).slice(1)).toEqual([
      'maintenance.clearFault:intent',
      'maintenance.clearFault:failed',
      'maintenance.clearFault:intent',
      'maintenance.clearFault:done',
    ]);
  });

  it('chip station reader absent: field staff are shown which reader is not connected, until it is plugged back', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    const printerIn = async () => (await views.view(token)).devices.find((d) => d.kind === 'cardPrinter');
    expect(await printerIn()).toEqual({
      kind: 'cardPrinter',
      state: 'offline',
      fault: ErrorCode.DEVICE_OFFLINE,
      // the device's own words too, the reader named in them (staff only)
      faultMessage: expect.stringContaining(`its PC/SC reader "${ENCODER}" is not connected`),
      missingReader: ENCODER,
    });
    pcscd.plug(ENCODER);
    expect(await printerIn()).toEqual({
      kind: 'cardPrinter',
      state: 'online',
      fault: null,
      faultMessage: null,
      missingReader: null,
    });
  });
});
