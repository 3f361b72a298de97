/**
 * A refill, bin emptying or test dispense by field staff that a restart cut off and that nothing at the kiosk can
 * tell happened or not (a supply only the journal or staff count: receipt paper, a hopper or
 * reject bin of a card printer without counters, the notes of a dispenser counting from the
 * journal; or a device count that moved by another number). Listed for the next staff visit
 * (`GET /maintenance/supply-acts-cut-off`), who say whether it was done
 * (`POST /maintenance/settle-supply-act`); until then a new act on the same supply is refused
 * MAINTENANCE_SUPPLY_UNSETTLED.
 */
import type { DeviceKind } from './device-status.js';

/** Staff's word on a supply act cut off by a restart: done (loaded, emptied) or not done. */
export const SUPPLY_ACT_VERDICTS = ['done', 'notDone'] as const;
export type SupplyActVerdict = (typeof SUPPLY_ACT_VERDICTS)[number];

export interface PendingSupplyAct {
  /** the visit's journal transaction, kept open until staff answer */
  readonly transactionId: string;
  /** when that visit began */
  readonly startedAt: string;
  /** who did the act (the staff card number) */
  readonly staffId: string;
  readonly device: DeviceKind;
  /** 'paper', 'cardHopper', 'cassette:upper', 'rejectBin' */
  readonly supply: string;
  /** a test dispense: its notes, one of each cassette, into the dispenser's reject bin */
  readonly action: 'refill' | 'emptyBin' | 'testDispense';
  /** units loaded, counted out of the bin, or the test dispense's notes */
  readonly quantity: number;
  /**
   * a test dispense left for staff as it ran, a cassette's note unanswered: the cassettes whose
   * note staff are asked of (`quantity` of them; the notes before known moved, counted already).
   * Absent: the whole act is asked of (cut off by a restart). Optional under ADR 0018
   */
  readonly notesInQuestionFrom?: readonly string[];
  /** what staff counted in it before loading, null when not entered */
  readonly countedBefore: number | null;
  /** the journal's count of the supply now (null: it keeps none); "done" moves it by the act */
  readonly journalCount: number | null;
  /** the device's own count now, null when it does not count the supply */
  readonly deviceCount: number | null;
  /** only a supervisor may answer (cash) */
  readonly supervisorOnly: boolean;
}
