/**
 * The error boot recovery stops the self test with when it left transactions open for staff, coded
 * by what staff must settle (the kiosk machine keeps the code as the self test's `cause`: the log,
 * the staff screen, the fleet): WITHDRAWAL_UNDECIDED when a withdrawal is among them (money may be
 * owed, a supervisor settles it), else CARD_MAKING_UNDECIDED. The journal closes them, once
 * settled, with SESSION_INTERRUPTED as before.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { cardPositionUnknownForStaff } from './card-inside-at-boot.js';

/**
 * What a recovery left for staff: the code it stopped the self test with (the self test's `cause`)
 * and the transactions it names (those left undecided; the one whose card a silent reader kept).
 * The fleet's recovery alert of a self test is named by it (`recoveryAlertEventId`, ADR 0004): the
 * same at every boot while the same is left, another once something else is.
 */
export interface LeftForStaff {
  readonly cause: string;
  readonly transactions: readonly string[];
}

/** `undecided`: every transaction and serial left for staff; `cardMakings`: those of them that are card makings. */
export function undecidedForStaff(undecided: readonly string[], cardMakings: readonly string[]): KioskError {
  const making = new Set(cardMakings);
  const withdrawals = undecided.filter((id) => !making.has(id));
  const details = { withdrawals: withdrawals.join(','), cardMakings: cardMakings.join(',') };
  if (withdrawals.length > 0)
    return new KioskError(
      ErrorCode.WITHDRAWAL_UNDECIDED,
      'Recovery could not decide whether the cash of an interrupted withdrawal was paid out; money may be owed: a supervisor must count and settle it.',
      { transactions: undecided.join(','), ...details },
    );
  return new KioskError(
    ErrorCode.CARD_MAKING_UNDECIDED,
    'Recovery could not decide what happened to the card of an interrupted card making; field staff must look for it and settle it.',
    { transactions: undecided.join(','), ...details },
  );
}

/**
 * What a boot recovery leaves for staff, if anything: the error it stops the self test with and
 * what that names (`LeftForStaff`). Undecided transactions first (money or a card making may be
 * owed); else the card a silent reader kept (CARD_POSITION_UNKNOWN).
 */
export function leftForStaffAtBoot(counted: {
  readonly undecided: readonly string[];
  readonly cardMakingsUndecided: readonly string[];
  readonly cardPositionUnknown: string | undefined;
}): { readonly error: KioskError; readonly left: LeftForStaff } | undefined {
  const stop = (error: KioskError, transactions: readonly string[]) => ({
    error,
    left: { cause: error.code, transactions: [...transactions] },
  });
  const { undecided, cardMakingsUndecided, cardPositionUnknown } = counted;
  if (undecided.length > 0) return stop(undecidedForStaff(undecided, cardMakingsUndecided), undecided);
  if (cardPositionUnknown !== undefined) return stop(cardPositionUnknownForStaff(), [cardPositionUnknown]);
  return undefined;
}
