/**
 * Field staff clearing a device's fault (`MaintenanceDeviceChecksService.clearFault`): the device's
 * own self test re-run, in the device's turn; healthy, journaled done and the kiosk offers what it
 * allows again; still faulty, journaled failed and refused MAINTENANCE_FAULT_PERSISTS (the fault's
 * code in the details), so it stays out of service. Clearing a jam of the card printer, staff say
 * where the jammed card went (`jammedCard`): once the printer reads usable with no card jammed, the
 * card is journaled there and counted (`jammed-card-cleared.ts`).
 */
import type { DevicePort } from '@kiosk/device-drivers';
import {
  ErrorCode,
  isUsable,
  KioskError,
  type DeviceKind,
  type DeviceStatus,
  type JammedCardWhereabouts,
} from '@kiosk/domain';
import { deviceSelfTests } from '../devices/device-reopen.js';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { cardJammed, countJammedCardCleared, jamUnsaid } from './jammed-card-cleared.js';
import type { MaintenanceService } from './maintenance.service.js';

const SELF_TEST_MS = 15_000;
const STEP = 'maintenance.clearFault';

export interface ClearFaultDeps {
  readonly devices: DevicesService;
  readonly journal: JournalService;
  readonly maintenance: Pick<MaintenanceService, 'report'>;
}

/** The device's self test re-run in its turn (a self test that does not answer: its status as it is). */
function selfTestOf(port: DevicePort): Promise<DeviceStatus> {
  const selfTest = port.selfTest?.bind(port);
  if (!selfTest) return Promise.resolve(port.status());
  // in the device's turn: never beside the daemon's own reopen of it (ADR 0020)
  return deviceSelfTests.run(port, () =>
    Promise.race([
      selfTest(AbortSignal.timeout(SELF_TEST_MS)),
      new Promise<DeviceStatus>((resolve) => setTimeout(() => resolve(port.status()), SELF_TEST_MS).unref()),
    ]),
  );
}

export async function clearDeviceFault(
  deps: ClearFaultDeps,
  visit: { readonly staffId: string; readonly transactionId: string },
  device: DeviceKind,
  jammedCard?: JammedCardWhereabouts,
): Promise<{ device: DeviceKind; status: DeviceStatus }> {
  const { devices, journal, maintenance } = deps;
  const { staffId, transactionId } = visit;
  const before = devices.statuses().find((s) => s.kind === device);
  const printer = device === 'cardPrinter' ? devices.cardPrinter : undefined;
  // a jam as the clear begins: where its card went is said by staff, counted once it is gone
  const jam = printer !== undefined && (cardJammed(printer, before) || (await jamUnsaid(journal)));
  await journal.recordStep(transactionId, STEP, 'intent', {
    device,
    fault: before?.fault?.code ?? null,
    ...(jam && { jammedCard: jammedCard ?? null }),
  });
  const port = (devices as unknown as Record<DeviceKind, DevicePort>)[device];
  const status = await selfTestOf(port);
  if (!isUsable(status)) {
    const fault = status.fault?.code ?? ErrorCode.DEVICE_HARDWARE_ERROR;
    await journal.recordStep(transactionId, STEP, 'failed', {
      device,
      code: ErrorCode.MAINTENANCE_FAULT_PERSISTS,
      fault,
    });
    maintenance.report({ action: 'clearFault', staffId, device, code: ErrorCode.MAINTENANCE_FAULT_PERSISTS });
    throw new KioskError(
      ErrorCode.MAINTENANCE_FAULT_PERSISTS,
      'The fault is still there; the device stays out of service.',
      { device, fault, state: status.device },
    );
  }
  if (jam && jammedCard !== undefined && !cardJammed(printer)) {
    await countJammedCardCleared(journal, printer, transactionId, jammedCard);
  }
  await journal.recordStep(transactionId, STEP, 'done', { device });
  maintenance.report({ action: 'clearFault', staffId, device });
  return { device, status };
}
