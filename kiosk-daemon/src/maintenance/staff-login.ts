/**
 * A staff member's credentials at log-in: the PIN typed on the kiosk's pad, checked against the
 * member's scrypt hash and wiped (never logged or journaled), and the staff cards refused for a
 * while after wrong PINs in a row (`MaintenanceService.logIn`).
 */
import type { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { pinMatchesHash } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';

/** how long the pad waits for the staff PIN */
const PIN_TIMEOUT_MS = 30_000;
/** wrong PINs in a row after which a staff card is refused for LOCK_MS */
export const MAX_FAILED_LOGINS = 3;
const LOCK_MS = 15 * 60_000;

type MaintenanceSettings = NonNullable<KioskConfig['maintenance']>;
type StaffMember = MaintenanceSettings['staff'][number];

/**
 * The staff PIN collected on the pad and checked: null when it is the member's, else the refusal's
 * code (cancelled or timed out, not accepted, the pad's own error). An unknown card still takes a
 * PIN, so the pad does not tell which cards exist.
 */
export async function staffPinRefusal(
  pinPad: DevicesService['pinPad'],
  settings: MaintenanceSettings,
  member: StaffMember | undefined,
): Promise<string | null> {
  let code: string | null = null;
  try {
    const typed = await pinPad.collectPin({
      length: settings.pinLength,
      timeoutMs: PIN_TIMEOUT_MS,
    });
    if (typed.result !== 'entered') code = ErrorCode.PIN_ENTRY_CANCELLED;
    else if (!member) {
      // an unknown card still takes a PIN, so the pad does not tell which cards exist
      typed.pin.wipe();
      code = ErrorCode.STAFF_LOGIN_FAILED;
    } else if (!pinMatchesHash(typed.pin, member.pinHash)) code = ErrorCode.STAFF_LOGIN_FAILED;
  } catch (e) {
    code = KioskError.from(e).code;
  }
  return code;
}

/** Wrong PINs in a row per staff card, and until when a card is refused. */
export class StaffCardLockouts {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly log: Logger) {}

  /** refused for now: MAX_FAILED_LOGINS wrong PINs in a row, less than LOCK_MS ago */
  locked(staffId: string): boolean {
    return (this.failures.get(staffId)?.lockedUntil ?? 0) > Date.now();
  }

  /** a wrong PIN: the card's count, and at MAX_FAILED_LOGINS its refusal for LOCK_MS */
  failed(staffId: string): void {
    const count = (this.failures.get(staffId)?.count ?? 0) + 1;
    const locked = count >= MAX_FAILED_LOGINS;
    this.failures.set(staffId, { count: locked ? 0 : count, lockedUntil: locked ? Date.now() + LOCK_MS : 0 });
    if (locked) this.log.warn(`staff card ${staffId} refused for a while: wrong PINs`);
  }

  /** logged in: the card's wrong PINs forgotten */
  loggedIn(staffId: string): void {
    this.failures.delete(staffId);
  }
}
