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
import type { JournalService } from '../journal/journal.service.js';
import { detailText } from '../journal/step-detail.js';

/** how long the pad waits for the staff PIN */
const PIN_TIMEOUT_MS = 30_000;
/** wrong PINs in a row after which a staff card is refused for LOCK_MS */
export const MAX_FAILED_LOGINS = 3;
export const LOCK_MS = 15 * 60_000;

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

/** the journal step of a log-in: failed (`code` STAFF_LOGIN_FAILED: a wrong PIN or card) or done */
export const LOGIN_STEP = 'maintenance.login';

/**
 * Wrong PINs in a row per staff card, and until when a card is refused. The first time a card is
 * presented after a start its count and lock are read back from the journal's log-in steps
 * (`recall`): a restart forgets neither, so it never gives a guesser fresh tries.
 */
export class StaffCardLockouts {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  /** the cards whose log-in steps were read back since the start */
  private readonly recalled = new Set<string>();

  constructor(
    private readonly log: Logger,
    private readonly journal?: Pick<JournalService, 'supplyLog'>,
  ) {}

  /** The card's wrong PINs in a row and its lock as the journal's log-in steps left them, once per start. */
  async recall(staffId: string): Promise<void> {
    if (!this.journal || this.recalled.has(staffId)) return;
    const steps = await this.journal.supplyLog.stepsNamedAfter([LOGIN_STEP], 0, [`"staffId":"${staffId}"`]);
    if (this.recalled.has(staffId)) return; // read back meanwhile by a log-in beside this one
    this.recalled.add(staffId);
    for (const step of steps) {
      if (detailText(step, 'staffId') !== staffId) continue;
      if (step.phase === 'done') this.failures.delete(staffId);
      else if (step.phase === 'failed' && detailText(step, 'code') === ErrorCode.STAFF_LOGIN_FAILED) {
        const at = Date.parse(step.at);
        if (Number.isFinite(at)) this.count(staffId, at);
      }
    }
  }

  /** refused for now: MAX_FAILED_LOGINS wrong PINs in a row, less than LOCK_MS ago */
  locked(staffId: string): boolean {
    return (this.failures.get(staffId)?.lockedUntil ?? 0) > Date.now();
  }

  /** a wrong PIN: the card's count, and at MAX_FAILED_LOGINS its refusal for LOCK_MS */
  failed(staffId: string): void {
    if (this.count(staffId, Date.now()))
      this.log.warn(`staff card ${staffId} refused for a while: wrong PINs`);
  }

  /** a wrong PIN at `at` counted; true when it locks the card (until LOCK_MS after it) */
  private count(staffId: string, at: number): boolean {
    const count = (this.failures.get(staffId)?.count ?? 0) + 1;
    const locked = count >= MAX_FAILED_LOGINS;
    this.failures.set(staffId, { count: locked ? 0 : count, lockedUntil: locked ? at + LOCK_MS : 0 });
    return locked;
  }

  /** logged in: the card's wrong PINs forgotten */
  loggedIn(staffId: string): void {
    this.failures.delete(staffId);
  }
}
