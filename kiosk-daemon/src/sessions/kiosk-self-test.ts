/**
 * The kiosk's self test (the root actor's `selfTest`, `kiosk-actor.ts`; at boot and after a staff
 * visit, bounded by `timeouts.selfTestMs`): every device opened, whose an ID card on the reader is
 * watched from then (ADR 0019), what a crash left unfinished settled by recovery (`recoveryEnded`
 * told when it ended, settled or not: until then no device is opened again by itself, ADR 0020),
 * and the devices' statuses returned to say what is usable. A failure is logged with its code (the
 * machine's `cause`, which the staff screen and the fleet are told beside SELF_TEST_FAILED).
 */
import { Logger } from '@nestjs/common';
import type { DeviceStatus } from '@kiosk/domain';
import { selfTestCauseOf } from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import { idCardPlacementsOf } from './id-card-placements.js';
import type { SessionRecoveryService } from './session-recovery.service.js';

const log = new Logger('SelfTest');

export async function kioskSelfTest(
  devices: DevicesService,
  recovery: SessionRecoveryService,
  sessionRuns: () => boolean,
  recoveryEnded: () => void,
): Promise<DeviceStatus[]> {
  try {
    // recovery at work from the devices' opening to its end: staff device acts wait for it
    return await recovery.atWork.run(() => selfTestOnce(devices, recovery, sessionRuns, recoveryEnded));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`self test failed (${selfTestCauseOf(error)}): ${message}; out of service for field staff`);
    throw error;
  }
}

async function selfTestOnce(
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
