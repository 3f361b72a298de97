/**
 * What every maintenance action checks first: a logged-in visit with one of the roles, and no
 * resident's session running (staff never act on a kiosk a resident is using).
 */
import type { StaffRole } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { MaintenanceService, StaffVisit } from './maintenance.service.js';

export interface GuardedVisit {
  readonly visit: StaffVisit;
  readonly transactionId: string;
}

export function guardStaffAction(
  maintenance: MaintenanceService,
  sessions: Pick<SessionsService, 'sessionInProgress'>,
  token: string,
  roles: readonly StaffRole[],
): GuardedVisit {
  const visit = maintenance.visitOf(token, roles);
  if (sessions.sessionInProgress) {
    throw new KioskError(ErrorCode.SESSION_BUSY, 'A resident is using the kiosk; wait until they finish.');
  }
  return { visit, transactionId: maintenance.transactionOf(visit) };
}
