/**
 * The cash dispenser as the daemon sees it: cassettes of one denomination each (amounts in
 * integer fen), a reject bin for notes the dispenser refused (double, skewed), and a presenter
 * with a shutter that either sees the notes taken or retracts them to a retract bin.
 *
 * A withdrawal runs `dispense` (notes to the presenter, shutter closed) → `present` (shutter
 * opens) → `onCashTaken` or, after the take timeout, `retract`. A refusal before any note moves
 * is a thrown `KioskError`; once notes move, the outcome is a result with the exact amount
 * in the presenter, so the journey can reverse the rest.
 */
import type { ErrorCode } from '@kiosk/domain';
import type { DevicePort, Unsubscribe } from '../common/device-port.js';
import type { ReplenishablePort } from '../common/supply-replenishment.js';

export interface Cassette {
  /** 'upper', 'lower', ...; the supply is reported as `cassette:<id>` */
  readonly id: string;
  readonly denominationFen: number;
  readonly count: number;
  /** at or under this count the cassette reads 'low' */
  readonly lowThreshold: number;
  /**
   * at or under this count the cassette reads 'empty' (notes left are still paid out): a reserve
   * that the note mix keeps for rejected notes when another mix pays, and that the kiosk does not
   * offer amounts from
   */
  readonly emptyThreshold: number;
  /** false when the cassette is pulled out */
  readonly present: boolean;
}

export interface NoteCount {
  readonly cassetteId: string;
  readonly denominationFen: number;
  readonly count: number;
}

export type DispenseResult =
  | {
      /** the whole amount waits in the presenter behind the closed shutter */
      readonly result: 'dispensed';
      readonly requestedFen: number;
      readonly amountFen: number;
      readonly notes: readonly NoteCount[];
    }
  | {
      /** a fault stopped the dispense: `amountFen` (maybe 0) waits in the presenter */
      readonly result: 'partial';
      readonly code: ErrorCode;
      readonly message: string;
      readonly requestedFen: number;
      readonly amountFen: number;
      readonly notes: readonly NoteCount[];
    };

/**
 * Notes open at the slot that were gone when the dispenser answered again after it was out of
 * reach: taken by the resident or drawn in by the presenter on its own, which the dispenser cannot
 * tell (ADR 0020). Times are ISO 8601.
 */
export interface CashGoneUnseen {
  readonly amountFen: number;
  readonly notes: number;
  /** when the kiosk lost sight of them (the line down, the dispenser silent) */
  readonly lostAt: string;
  /** when the dispenser answered again with the presenter empty */
  readonly backAt: string;
}

/** The detail flag of a retract's refusal (DEVICE_OFFLINE) whose details are a `CashGoneUnseen`. */
export const NOTES_GONE_UNSEEN = 'notesGoneUnseen';

export interface PresenterContents {
  readonly state: 'empty' | 'staged' | 'presented';
  readonly amountFen: number;
  readonly notes: number;
}

/**
 * Refills are notes added to a cassette (`cassette:<id>`, counted by the dispenser's counters), and
 * the reject and retract bins emptied.
 */
export interface CashDispenserPort extends DevicePort, ReplenishablePort {
  readonly kind: 'cashDispenser';
  /** What is loaded, immediately (for the note-mix check and the journeys offered). */
  cassettes(): readonly Cassette[];
  presenter(): PresenterContents;
  /**
   * Moves notes for `amountFen` into the presenter. Refuses before any note moves (throws
   * CASH_AMOUNT_NOT_PAYABLE, DEVICE_OFFLINE, DEVICE_BUSY, DEVICE_BIN_FULL,
   * DEVICE_OPERATION_CANCELLED); once the first note moves the signal is no longer honoured.
   */
  dispense(amountFen: number, signal?: AbortSignal): Promise<DispenseResult>;
  /** Opens the shutter on the staged notes (CASH_NOTHING_TO_PRESENT when there are none). */
  present(signal?: AbortSignal): Promise<{ readonly amountFen: number }>;
  /** The resident took the presented notes. */
  onCashTaken(listener: (event: { readonly amountFen: number }) => void): Unsubscribe;
  /**
   * Notes open at the slot went while the dispenser was out of reach (`CashGoneUnseen`): never
   * reported taken; the retract asked for them then refuses DEVICE_OFFLINE, its details the event's
   * and `notesGoneUnseen: true`. A dispenser that always sees the slot leaves it out.
   */
  onCashGoneUnseen?(listener: (event: CashGoneUnseen) => void): Unsubscribe;
  /**
   * Closes the shutter and moves whatever is in the presenter to the retract bin. A dispenser that
   * refuses it busy (still counting a dispense whose outcome was unknown) is waited for, asked
   * whether it is idle, up to its dispense timeout, then retracted, so the notes counted late are
   * retracted and counted (`retractWhenIdle`); still busy then: DEVICE_BUSY, nothing moved. An
   * aborted signal stops the wait (DEVICE_OPERATION_CANCELLED).
   */
  retract(signal?: AbortSignal): Promise<{ readonly retractedFen: number; readonly notes: number }>;
  /**
   * Field staff's test: one note from each cassette that holds notes straight into the reject bin,
   * never to the presenter. Refuses before any note moves with DEVICE_BIN_FULL (the reject bin
   * cannot take them), DEVICE_OFFLINE, DEVICE_BUSY (notes in the presenter or a command running).
   */
  testDispense(signal?: AbortSignal): Promise<{ readonly notes: readonly NoteCount[] }>;
  /**
   * Set on a dispenser that counts nothing itself (a real LCDM): the kiosk restores the counts
   * its journal last recorded at boot with `restoreCounts`, before the first dispense. A device
   * that counts its own notes (or an emulator that keeps them) leaves both out.
   */
  readonly countsFromJournal?: boolean;
  restoreCounts?(counts: RestoredCashCounts): void;
  /**
   * On such a dispenser: the notes the presenter holds now left the cassettes without being
   * counted out of them (a dispense a restart cut off before the journal kept its counts), so the
   * next retract takes them out of the cassettes' counts, by the cassette the device reports, once.
   */
  presenterNotesUncounted?(): void;
}

/** The counts a kiosk's journal last recorded for its dispenser. */
export interface RestoredCashCounts {
  readonly cassettes: readonly { readonly cassette: string; readonly notes: number }[];
  readonly rejectBin?: number;
  readonly retractBin?: number;
}
