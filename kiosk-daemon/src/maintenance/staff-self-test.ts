/**
 * Field staff's self test from the staff screen (`MaintenanceService.selfTest`): every device's
 * status now, journaled in the visit (`maintenance.selfTest`: done, or failed with the first device
 * not usable and its fault's code); the answer names the same device and code (`failed`, null when
 * it passed), which the staff screen says.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';

const USABLE = new Set(['online', 'busy']);

export interface StaffSelfTest {
  readonly passed: boolean;
  readonly devices: DeviceStatus[];
  readonly failed: { readonly device: DeviceStatus['kind']; readonly code: string } | null;
}

export async function staffSelfTest(
  journal: JournalService,
  devices: DeviceStatus[],
  transactionId: string,
): Promise<StaffSelfTest> {
  const faulty = devices.find((s) => s.device !== 'noDevice' && !USABLE.has(s.device));
  const code = faulty ? (faulty.fault?.code ?? ErrorCode.DEVICE_HARDWARE_ERROR) : null;
  await journal.recordStep(transactionId, 'maintenance.selfTest', faulty ? 'failed' : 'done', {
    code,
    device: faulty?.kind ?? null,
  });
  const failed = faulty && code !== null ? { device: faulty.kind, code } : null;
  return { passed: faulty === undefined, devices, failed };
}
