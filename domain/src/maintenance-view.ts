/**
 * What the daemon's maintenance API shows field staff (`GET /maintenance/view`,
 * `GET /maintenance/reconciliation`): the staff screens render these and decide nothing.
 */
import type { DeviceKind, DeviceState, SupplyLevel } from './device-status.js';
import type { PendingSupplyAct } from './pending-supply-act.js';

export const STAFF_ACTION_NAMES = [
  'selfTest',
  'testReceipt',
  'testDispense',
  'testCard',
  'clearFault',
  'refill',
  'refillCash',
  'emptyBin',
  'emptyCashBin',
  'reconciliation',
  'journal',
  'settleWithdrawal',
  'settleCardMaking',
  'returnToService',
] as const;
export type StaffActionName = (typeof STAFF_ACTION_NAMES)[number];

export type StaffRoleName = 'engineer' | 'supervisor';

export interface MaintenanceSupplyView {
  readonly device: DeviceKind;
  /** 'paper', 'cardHopper', 'ribbon', 'cassette:upper', 'rejectBin', 'retractBin' */
  readonly supply: string;
  readonly role: 'stock' | 'bin';
  readonly unit: 'notes' | 'cards' | 'prints' | 'rolls';
  readonly level: SupplyLevel;
  /** the device's own count; null when it only senses the supply */
  readonly count: number | null;
  readonly capacity: number | null;
  readonly countedBy: 'device' | 'staff';
  readonly denominationFen: number | null;
  /** the journal's latest count */
  readonly journalCount: number | null;
  /** this member of staff may refill or empty it */
  readonly allowed: boolean;
}

export interface MaintenanceView {
  readonly staffId: string;
  readonly role: StaffRoleName;
  readonly expiresAt: string;
  readonly actions: readonly StaffActionName[];
  readonly devices: readonly {
    readonly kind: DeviceKind;
    readonly state: DeviceState;
    /** the fault's code, which the staff screens put in words */
    readonly fault: string | null;
    /**
     * the device's own words for its fault (DeviceFault.message: device text, e.g. the PC/SC code of
     * a chip station that cannot be reached), for field staff only, any ID number in it masked; null
     * without a fault (absent from a daemon of an earlier release)
     */
    readonly faultMessage?: string | null;
    /** the reader the fault is about, not connected (DeviceFault.missingReader), or null */
    readonly missingReader: string | null;
  }[];
  readonly supplies: readonly MaintenanceSupplyView[];
  /**
   * the reason code of an operator's out-of-service hold from the fleet, or null: log-out keeps it,
   * return to service releases it (ADR 0010)
   */
  readonly operatorHold: string | null;
  /**
   * the kiosk is still settling what it was doing before it started (recovery at work on the
   * devices): the device acts are left out of `actions` and refused MAINTENANCE_KIOSK_SETTLING until
   * it has finished; absent when it is not
   */
  readonly settling?: true;
  /** withdrawals recovery left for staff (supervisors only) */
  readonly pendingSettlements: readonly PendingWithdrawalSettlement[];
  /**
   * card makings recovery left for staff (supervisors only): where the card went is found by
   * looking in the card printer's reject bin (POST /maintenance/settle-card-making)
   */
  readonly pendingCardMakings: readonly PendingCardMaking[];
  /**
   * refills and bin emptying a restart cut off that nothing at the kiosk can tell happened or not:
   * any staff say whether it was done (cash: a supervisor; POST /maintenance/settle-supply-act).
   * Absent from a daemon of an earlier release.
   */
  readonly pendingSupplyActs?: readonly PendingSupplyAct[];
  /**
   * cards handed to residents, ever, as the journal counts them (one per hand-over journaled, never
   * a card made and not taken, pulled back, spoiled or missing); null when none was ever counted
   */
  readonly cardsIssued: number | null;
  /**
   * the card reader says it holds a card (inside, or at its slot) while staff are here: no session
   * runs in a visit, so it is a card left for staff (the kiosk's CARD_LEFT_IN_READER: a card move the
   * reader did not answer, one boot recovery could not capture, or one not taken from a reader that
   * cannot capture). The visit's self test hands it out at the slot (ADR 0016). False while the
   * reader has not said (`cardLeft` 'maybe'): a card may be inside, none is known to be
   */
  readonly cardLeftInReader: boolean;
  /**
   * What staff are told of a card in the card reader (absent: none): `inside` and `atSlot` the
   * reader says so; `maybe` it has not said yet (a reader without a motor before its first status,
   * or gone with pcscd): a card may be inside. Absent from a daemon of an earlier release.
   */
  readonly cardLeft?: CardLeftForStaff;
  /**
   * a card jammed in the card printer whose whereabouts staff have not said (the journal met it
   * jammed; the printer may read usable already): staff say it with the card printer's clear
   * (POST /maintenance/clear-fault `jammedCard`), so the reject bin's count follows. Absent: none,
   * or a daemon of an earlier release.
   */
  readonly jammedCardUnsaid?: boolean;
  /**
   * how many cards jammed in the card printer wait for staff's word (each answered on its own, the
   * earliest first, one clear each); absent: none, or a daemon of an earlier release (its
   * `jammedCardUnsaid` alone)
   */
  readonly jammedCardsUnsaid?: number;
}

/** Where field staff put the card that jammed in the card printer, said as they clear the jam. */
export const JAMMED_CARD_WHEREABOUTS = ['inRejectBin', 'removed'] as const;
export type JammedCardWhereabouts = (typeof JAMMED_CARD_WHEREABOUTS)[number];

/** Where field staff are told a card is left in the card reader (`MaintenanceView.cardLeft`). */
export type CardLeftForStaff = 'inside' | 'atSlot' | 'maybe';

/**
 * Where a supervisor found the card of an undecided card making: in the reject bin (the number
 * is voided at the host), handed to the resident (reported issued), or nowhere (missing: the
 * number is voided so nobody can use the card).
 */
export const CARD_WHEREABOUTS = ['inRejectBin', 'taken', 'missing'] as const;
export type CardWhereabouts = (typeof CARD_WHEREABOUTS)[number];

/**
 * Where a supervisor found a replacement's handed-in card whose capture recovery left unknown
 * (`PendingCardMaking.oldCard`; POST /maintenance/settle-card-making with `oldCard`): in the card
 * reader's capture bin, given back to the resident, or nowhere. The host is not told either way.
 */
export const OLD_CARD_WHEREABOUTS = ['inCaptureBin', 'givenBack', 'notFound'] as const;
export type OldCardWhereabouts = (typeof OLD_CARD_WHEREABOUTS)[number];

/**
 * One withdrawal recovery left for staff (POST /maintenance/settle-withdrawal): the verdict a
 * supervisor gave already ('paid' confirms the hold, 'notPaid' reverses it, 'taken' gives back what
 * is held above `takenFen` and confirms the rest) whose answer the host has not given yet, which
 * stands (only it may be sent again, a 'taken' one of the same amount), or null when none was given.
 */
export interface PendingWithdrawalSettlement {
  readonly transactionId: string;
  readonly startedAt: string;
  readonly verdict: 'paid' | 'notPaid' | 'taken' | null;
  /** the amount counted taken of a 'taken' verdict given (absent otherwise) */
  readonly takenFen?: number;
  /**
   * the amount the notes presented at the slot made: the most a 'taken' verdict can count; null
   * when the journal does not say (then only 'paid' or 'notPaid'). Absent from an earlier release.
   */
  readonly presentedFen?: number | null;
  /** the amount the resident asked for (the cash the supervisor counts for), null when not journaled */
  readonly amountFen: number | null;
  /** the resident's card number masked (first 3 and last 3), null when not journaled */
  readonly card: string | null;
  /** the resident's name masked (张*明), null when not journaled */
  readonly name: string | null;
  /** the last step journaled before the kiosk stopped, as `step:phase` (e.g. `cash.dispense:intent`) */
  readonly stoppedAt: string | null;
  /**
   * the notes presented at the slot left it while the kiosk could not watch it (the dispenser's
   * link down or busy, or the kiosk restarting): taken by the resident or drawn into the retract
   * bin by the presenter on its own, which the dispenser cannot tell (ADR 0020). What the kiosk
   * knows: the amount presented and when it lost and regained sight of the slot (ISO 8601); null
   * where the journal does not read. Absent otherwise.
   */
  readonly notesGoneUnseen?: {
    readonly presentedFen: number | null;
    readonly lostAt: string | null;
    readonly backAt: string | null;
  };
  /**
   * a retract took back fewer notes than were at the slot (the rest taken there as it ran): what
   * was at the slot and what it took back into the retract bin. "Paid" then confirms what was not
   * taken back and gives the rest back; "not paid" gives all back. Absent otherwise.
   */
  readonly retractShort?: {
    readonly atSlotFen: number;
    readonly atSlotNotes: number | null;
    readonly retractedFen: number;
    readonly notesRetracted: number;
  };
  /**
   * the cash dispenser's counts the supervisor counts the cash against: what the dispenser reports
   * now, what it held before the withdrawal (the counts journaled with its dispense intent, else the
   * last counters recorded by its last step: boot reconcile records the counts after a crash as the
   * journal's latest, so `before` − `device` is what left the cassettes) and what the journal last
   * recorded (null: not counted, never recorded, or the record does not read)
   */
  readonly counters: {
    /** every cassette the dispenser or the journal knows, the dispenser's order first */
    readonly cassettes: readonly {
      readonly cassette: string;
      readonly denominationFen: number | null;
      readonly device: number | null;
      readonly before: number | null;
      readonly journal: number | null;
    }[];
    readonly rejectBinDevice: number | null;
    readonly rejectBinBefore: number | null;
    readonly rejectBinJournal: number | null;
    readonly retractBinDevice: number | null;
    readonly retractBinBefore: number | null;
    readonly retractBinJournal: number | null;
  };
}

/** One card making recovery left for staff, as the supervisor sees it: masked data only. */
export interface PendingCardMaking {
  readonly transactionId: string;
  readonly startedAt: string;
  readonly journey: 'issueCard' | 'replaceCard';
  /** the new card's number masked (first 3 and last 3), null when not journaled */
  readonly card: string | null;
  /** the resident's ID number masked (4108**********1234), null when not journaled */
  readonly idNumber: string | null;
  /** the resident's name masked (张*明), null when not journaled */
  readonly name: string | null;
  /** the last step journaled before the kiosk stopped, as `step:phase` (e.g. `card.retract:intent`) */
  readonly stoppedAt: string | null;
  /** a verdict already given whose report to the host did not go through: only it may be given again */
  readonly verdict: CardWhereabouts | null;
  /**
   * a replacement's handed-in old card whose capture was cut short, where it went not known: staff
   * look (in the capture bin, given back, not found); its number masked, null when its chip did not
   * read. Absent when there is none.
   */
  readonly oldCard?: { readonly card: string | null };
  /** the card printer's counts the verdict affects */
  readonly counters: {
    /** blanks in the hopper as the printer counts them, null when it does not */
    readonly hopper: number | null;
    /** the reject bin as the printer counts it, null when it does not (why it is undecided) */
    readonly rejectBinDevice: number | null;
    /** the reject bin as the journal last recorded it: found there, it goes one up */
    readonly rejectBinJournal: number | null;
  };
}

/** One supply in the reconciliation report: before + byStaff − byKiosk = after (a bin: + byKiosk − byStaff). */
export interface ReconciliationLine {
  readonly device: DeviceKind;
  readonly supply: string;
  readonly role: 'stock' | 'bin';
  readonly before: number;
  /** stock: refilled by staff (less what a replacement took off: a ribbon of fewer prints); bin: emptied by staff */
  readonly byStaff: number;
  /** stock: used by the kiosk; bin: what went into it */
  readonly byKiosk: number;
  readonly after: number;
  /** the device's own count now, null when it does not count it */
  readonly deviceNow: number | null;
  readonly reconciles: boolean;
}

/**
 * Every card blank over the report's period accounted for (RULES.md, issuing on the spot): the
 * blanks in the hopper at its start plus those staff loaded = the cards issued to residents + the
 * cards spoiled into the reject bin (chip or print failed, made and not taken, test cards) + the
 * cards staff found missing (a card making they settled `missing`) + the blanks in the hopper now.
 * `difference` is what none of them explains: 0 reconciles; above 0, blanks gone unexplained (a
 * shortfall); below 0, more cards counted than blanks loaded. Counts only, no card or person.
 */
export interface CardBlanksReconciliation {
  readonly hopperBefore: number;
  /** blanks staff loaded in the period */
  readonly loaded: number;
  /** cards handed to residents in the period (the journal's hand-overs) */
  readonly issued: number;
  /** cards into the reject bin in the period; null when the bin is counted by neither the printer nor the journal */
  readonly spoiled: number | null;
  /** cards staff settled as found nowhere in the period */
  readonly missing: number;
  /** blanks in the hopper at the end of the period (the journal's count) */
  readonly remaining: number;
  /** hopperBefore + loaded − issued − spoiled − missing − remaining; null when spoiled is not counted */
  readonly difference: number | null;
  readonly reconciles: boolean;
}

export interface ReconciliationReport {
  readonly since: string;
  readonly lines: readonly ReconciliationLine[];
  /** the card blanks, when the card printer's counts were recorded in the period */
  readonly cardBlanks?: CardBlanksReconciliation;
}
