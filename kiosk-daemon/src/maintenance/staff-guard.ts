/**
 * What every maintenance action checks first: a logged-in visit with one of the roles, no
 * resident's session running (staff never act on a kiosk a resident is using), and no recovery at
 * work on the devices (the self test after a start or a visit, a late settlement): staff may log in
 * while it works, their acts wait until it has finished (MAINTENANCE_KIOSK_SETTLING, nothing
 * journaled; the staff screen says so and offers them again once done).
 */
import type { StaffRole } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { MaintenanceService, StaffVisit } from './maintenance.service.js';
import { visitEnding } from './supply-turns.js';

export interface GuardedVisit {
  readonly visit: StaffVisit;
  readonly transactionId: string;
}

export function guardStaffAction(
  maintenance: MaintenanceService,
  sessions: Pick<SessionsService, 'sessionInProgress' | 'recoveryAtWork'>,
  token: string,
  roles: readonly StaffRole[],
): GuardedVisit {
  const visit = maintenance.visitOf(token, roles);
  // a visit ending waits for its acts and then closes its transaction: none is taken meanwhile
  if (visitEnding(maintenance, token))
    throw new KioskError(ErrorCode.STAFF_NOT_LOGGED_IN, 'This visit is ending; log in again to go on.');
  if (sessions.sessionInProgress) {
    throw new KioskError(ErrorCode.SESSION_BUSY, 'A resident is using the kiosk; wait until they finish.');
  }
  if (sessions.recoveryAtWork) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_KIOSK_SETTLING,
      'The kiosk is still settling what it was doing before it started; try again once it has finished.',
    );
  }
  return { visit, transactionId: maintenance.transactionOf(visit) };
}
