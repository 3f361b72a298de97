/**
 * The kiosk's self test (the root actor's `selfTest`, `kiosk-actor.ts`; at boot and after a staff
 * visit, bounded by `timeouts.selfTestMs`): every device opened, whose an ID card on the reader is
 * watched from then (ADR 0019), what a crash left unfinished settled by recovery (`recoveryEnded`
 * told when it ended, settled or not: until then no device is opened again by itself, ADR 0020),
 * and the devices' statuses returned to say what is usable.
 */
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { idCardPlacementsOf } from './id-card-placements.js';
import type { SessionRecoveryService } from './session-recovery.service.js';

export async function kioskSelfTest(
  devices: DevicesService,
  recovery: SessionRecoveryService,
  sessionRuns: () => boolean,
  recoveryEnded: () => void,
): Promise<DeviceStatus[]> {
  await devices.openAll();
  // whose an ID card on the reader is, watched from here (docs/adr/0019)
  idCardPlacementsOf(devices.idReader).watchSessions(sessionRuns);
  try {
    await recovery.recoverUnfinished();
  } finally {
    recoveryEnded();
  }
  return devices.statuses();
}
