/** What the resident reads when a withdrawal stops, with the next step to take. */
import { ErrorCode } from '@kiosk/domain';
import { codedError } from '../../coded-error.js';
import { WITHDRAWAL_REFUSAL_MESSAGES } from './withdrawal-rules.js';

export const FAULT = {
  amountInvalid: codedError(
    ErrorCode.WITHDRAWAL_AMOUNT_INVALID,
    WITHDRAWAL_REFUSAL_MESSAGES.WITHDRAWAL_AMOUNT_INVALID,
  ),
  countUsedUp: codedError(
    ErrorCode.WITHDRAWAL_DAILY_COUNT_EXCEEDED,
    WITHDRAWAL_REFUSAL_MESSAGES.WITHDRAWAL_DAILY_COUNT_EXCEEDED,
  ),
  noNotes: codedError(
    ErrorCode.DEVICE_SUPPLY_EMPTY,
    'The kiosk has no notes left for an amount you may take; nothing was taken from your account.',
  ),
  authoriseTimeout: codedError(
    ErrorCode.HOST_TIMEOUT,
    'The back office did not answer in time; nothing was paid out.',
  ),
  specialAtCounter: codedError(
    ErrorCode.WITHDRAWAL_SPECIAL_AT_COUNTER,
    'Withdrawals for leaving a job, moving region or the full balance need proof: please go to a service counter.',
  ),
  journalFailed: codedError(
    ErrorCode.JOURNAL_WRITE_FAILED,
    'The kiosk could not record the withdrawal; nothing was paid out.',
  ),
  nothingCounted: codedError(
    ErrorCode.CASH_NOTHING_TO_PRESENT,
    'No notes could be counted out; nothing was paid out.',
  ),
  /** the dispenser never answered a dispense or a presentation, past its own bounds */
  dispenserUnanswered: codedError(
    ErrorCode.DEVICE_TIMEOUT,
    'The cash dispenser did not answer; the kiosk keeps whatever it counted and the amount goes back to your account.',
  ),
  /** the dispenser never answered the retract, past its own bounds: where the notes are is not known */
  retractUnanswered: codedError(
    ErrorCode.DEVICE_TIMEOUT,
    'The cash dispenser did not answer; staff will count the notes and settle your account.',
  ),
  /**
   * the cash left the slot while the dispenser was out of reach: taken or drawn back in, it cannot
   * tell, so staff settle it (the retract that follows refuses with what the kiosk knows)
   */
  cashGoneUnseen: codedError(
    ErrorCode.DEVICE_OFFLINE,
    'The cash dispenser lost its link while your cash was at the slot; staff will check whether it was taken and settle your account.',
  ),
  cashNotTaken: codedError(
    ErrorCode.CASH_NOT_TAKEN,
    'The cash was not taken and was kept by the kiosk; the amount goes back to your account.',
  ),
} as const;
