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
  entry: StaffPinEntry = new StaffPinEntry(),
): Promise<string | null> {
  let code: string | null = null;
  try {
    const typed = await entry.follow(pinPad, settings.pinLength, () =>
      pinPad.collectPin({
        length: settings.pinLength,
        timeoutMs: PIN_TIMEOUT_MS,
      }),
    );
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

/** How far the staff PIN on the pad is: digits entered and the PIN's length, never a digit. */
export interface StaffPinProgress {
  readonly entered: number;
  readonly length: number;
}

/**
 * The staff PIN being typed, as the staff screen shows it (how many digits of how many, as the
 * resident's PIN screen does): followed from the pad's key events while a log-in collects it.
 */
export class StaffPinEntry {
  #now: StaffPinProgress | null = null;

  /** null while no staff PIN is being collected */
  progress(): StaffPinProgress | null {
    return this.#now;
  }

  /** Runs `collect` with the pad's key presses counted; the count is gone once it ends. */
  async follow<T>(pinPad: DevicesService['pinPad'], length: number, collect: () => Promise<T>): Promise<T> {
    this.#now = { entered: 0, length };
    // the count is for the screen only: a pad that tells no key presses leaves it at 0
    const onKey = pinPad.onKey as DevicesService['pinPad']['onKey'] | undefined;
    const unsubscribe =
      onKey?.call(pinPad, (key) => {
        if (this.#now) this.#now = { entered: Math.min(key.entered, length), length };
      }) ?? (() => undefined);
    try {
      return await collect();
    } finally {
      unsubscribe();
      this.#now = null;
    }
  }
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
