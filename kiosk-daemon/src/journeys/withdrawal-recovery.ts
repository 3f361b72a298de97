/**
 * What recovery at boot does with a withdrawal a crash cut short, decided from three witnesses:
 * the journal's steps (what the kiosk meant to do and knew was done), the dispenser's own state
 * (what is in the presenter, how many notes the cassettes and the retract bin hold against the
 * counts journaled with the dispense intent) and the host's state by idempotency key (is money
 * still held). Pure: the daemon gathers the facts and carries the decision out.
 *
 *   nothing held at the host            → settle nothing (retract stray notes, if any)
 *   held, no dispense intent            → reverse
 *   held, a staff verdict journaled     → as the verdict says (paid: confirm; not paid: reverse;
 *                                           taken: give back above the amount counted, confirm the rest)
 *   held, dispensing began, the dispenser does not answer → undecided
 *   held, notes in the presenter        → retract them (retract bin) and reverse; the retract
 *                                           taking back fewer than were read → undecided, for staff
 *   held, a retract (the journey's or recovery's) took back fewer notes than were at the slot
 *                                       → undecided, for staff, with the counts (never reversed)
 *   held, presenter empty:
 *     taken, seen (`cash.taken`)        → confirm (after reversing what a partial count did not pay),
 *                                           a retract done as it happened notwithstanding
 *     retracted (notes the journal counted retracted, or bin count) → reverse
 *     notes left there by a failed retract (`cash.leftInPresenter`), now gone → undecided; after
 *       retracts all refused as busy, the notes presented: gone unseen (the facts for staff)
 *     no note left the cassettes        → reverse
 *     presented, gone across the crash, neither retracted nor counted in the bin → undecided: gone
 *       unseen, the facts for staff (the presenter may have drawn them in on its own; ADR 0020)
 *   anything else                       → undecided: out of service, field staff count the cash
 */
import type { PresenterContents } from '@kiosk/device-drivers';
import { detailText, hasStep as has, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import {
  notesProvenRetracted,
  presentedFenOf,
  shortRetractCutOf,
  shortRetractOf,
  type ShortRetractFacts,
} from './retracted-notes.js';
import {
  goneUnseen,
  presentedThenRefusedAsBusy,
  type NotesGoneUnseenAtRecovery,
} from './notes-gone-unseen.js';
import { CASH_LEFT_IN_PRESENTER } from './withdrawal-retract.js';
import { withdrawalVerdictGiven } from './withdrawal-staff-settlement.js';
import { verdictActs, type AboveHold, type GiveBack } from './withdrawal-verdict.js';

export type { JournaledStep } from '../journal/step-detail.js';
export type { NotesGoneUnseenAtRecovery } from './notes-gone-unseen.js';

export interface HeldWithdrawal {
  readonly authorisationId: string;
  readonly status: 'authorised' | 'confirmed' | 'reversed';
  readonly amountFen: number;
  readonly heldFen: number;
}

export interface WithdrawalFacts {
  readonly steps: readonly JournaledStep[];
  /** false: the dispenser is offline or faulted, its presenter and counts cannot be trusted */
  readonly dispenserAnswers: boolean;
  readonly presenter: PresenterContents;
  /** notes per cassette now, by cassette id */
  readonly cassettes: Readonly<Record<string, number>>;
  readonly retractBin: number | null;
  /** undefined: the host never authorised this serial */
  readonly host: HeldWithdrawal | undefined;
}

export type WithdrawalDecision =
  | { readonly action: 'none'; readonly why: string; readonly retractStray: boolean }
  | {
      readonly action: 'reverse';
      readonly why: string;
      readonly amountFen: number;
      readonly retract: boolean;
      readonly reason: 'retracted' | 'dispenseFault' | 'cancelled';
      /** a staff verdict's give-back: how it is journaled and keyed (absent: the reason) */
      readonly giveBack?: GiveBack;
    }
  | {
      readonly action: 'confirm';
      readonly why: string;
      readonly reverseFirstFen: number;
      /** how that is given back (absent: what a partial count did not pay, `partialDispense`) */
      readonly giveBack?: GiveBack;
      /** notes still at the slot after staff counted it: into the retract bin first, as staff's settlement does */
      readonly retract?: boolean;
      /** a staff verdict counted paid above the hold: journaled with the confirm (`verdictActs`) */
      readonly aboveHold?: AboveHold;
    }
  | {
      readonly action: 'undecided';
      readonly why: string;
      /** presented notes gone while nobody watched the slot: what staff are told (ADR 0020) */
      readonly notesGoneUnseen?: NotesGoneUnseenAtRecovery;
      /** a retract that took back fewer notes than were at the slot: what staff are told */
      readonly retractShort?: ShortRetractFacts;
    };

function detailOf(steps: readonly JournaledStep[], step: string, phase: string): Record<string, unknown> {
  return stepDetail([...steps].reverse().find((s) => s.step === step && s.phase === phase));
}

/** `upper=200,lower=200` → { upper: 200, lower: 200 } */
export function parseCounts(text: unknown): Record<string, number> | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const out: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [id, n] = pair.split('=');
    if (!id || n === undefined || !/^\d+$/.test(n)) return undefined;
    out[id] = Number(n);
  }
  return out;
}

/** Why a dispensed withdrawal is undecided while the dispenser does not answer (read when it does again). */
export const DISPENSER_SILENT_WHY = 'the dispenser does not answer: where the notes are is unknown';

/**
 * Why a withdrawal is left for staff after a retract (recovery's, or the journey's own) took back
 * fewer notes than were at the slot (taken there meanwhile): never reversed on that retract.
 */
export const RETRACT_SHORT_WHY = 'the retract took back fewer notes than the presenter held';

export function decideWithdrawal(facts: WithdrawalFacts): WithdrawalDecision {
  const { steps, presenter, host } = facts;
  const notesInPresenter = presenter.state !== 'empty' && presenter.notes > 0;
  if (host === undefined || host.heldFen === 0) {
    if (notesInPresenter && host?.status === 'confirmed') {
      return {
        action: 'undecided',
        why: 'the host paid this withdrawal out but notes wait in the presenter',
      };
    }
    return {
      action: 'none',
      why:
        host === undefined ? 'the host holds nothing for this serial' : `already ${host.status} at the host`,
      retractStray: notesInPresenter,
    };
  }
  const held = host.heldFen;
  if (!has(steps, 'cash.dispense', 'intent')) {
    if (notesInPresenter)
      return { action: 'undecided', why: 'notes in the presenter of a withdrawal never dispensed' };
    return {
      action: 'reverse',
      why: 'authorised, never dispensed',
      amountFen: held,
      retract: false,
      reason: 'cancelled',
    };
  }
  // field staff counted it (a withdrawal whose session had ended, its verdict's host call cut
  // short): carried through as given, never decided again
  const verdict = withdrawalVerdictGiven(steps);
  if (verdict === 'unreadable') return { action: 'undecided', why: 'a staff verdict that does not read' };
  if (verdict !== undefined) {
    // as staff's own settlement carries it out (`verdictActs`): the same give-back, reason and key
    const said =
      typeof verdict === 'object'
        ? `taken: ${verdict.takenFen}`
        : { paid: 'paid', notPaid: 'not paid' }[verdict];
    const why = `field staff counted it ${said}`;
    const { giveBack, confirm, aboveHold } = verdictActs(verdict, steps, held);
    const retract = facts.dispenserAnswers && notesInPresenter;
    if (confirm)
      return {
        action: 'confirm',
        why,
        reverseFirstFen: giveBack?.amountFen ?? 0,
        ...(giveBack && { giveBack }),
        retract,
        ...(aboveHold && { aboveHold }),
      };
    return {
      action: 'reverse',
      why,
      amountFen: held,
      retract,
      reason: giveBack!.reason,
      giveBack: giveBack!,
    };
  }
  // a retract (the journey's, or recovery's) came back short of the notes at the slot: its done is
  // no witness of the notes in the bin (the rest went at the slot), so no pass reverses on it
  const retractShort = shortRetractOf(steps);
  if (retractShort) return { action: 'undecided', why: RETRACT_SHORT_WHY, retractShort };
  if (steps.some((s) => s.step === 'recovery.needsStaff' && stepDetail(s)['reason'] === RETRACT_SHORT_WHY))
    return { action: 'undecided', why: RETRACT_SHORT_WHY };
  if (!facts.dispenserAnswers) {
    return { action: 'undecided', why: DISPENSER_SILENT_WHY };
  }
  if (notesInPresenter) {
    // less at the slot than was presented: part of it went there unseen (taken), not to reverse
    const presentedFen = has(steps, 'cash.present', 'intent') ? presentedFenOf(steps) : null;
    if (presentedFen !== null && presenter.amountFen < presentedFen)
      return { action: 'undecided', why: 'fewer notes in the presenter than were presented' };
    return {
      action: 'reverse',
      why: `notes ${presenter.state} in the presenter, not taken`,
      amountFen: held,
      retract: true,
      reason: 'retracted',
    };
  }
  // a take the journey saw and journaled is a take, whatever a retract that ran as it happened
  // journaled (done, nothing counted: the driver's RETRACT took back none)
  if (has(steps, 'cash.taken')) return confirmTaken(steps, held, 'presented and taken');
  // a retract cut by the restart before its done, the bin up by fewer notes than were at the slot
  const retractCut = shortRetractCutOf(steps, facts.retractBin);
  if (retractCut) return { action: 'undecided', why: RETRACT_SHORT_WHY, retractShort: retractCut };
  const intent = detailOf(steps, 'cash.dispense', 'intent');
  const before = parseCounts(intent['cassettesBefore']);
  const retractBinBefore = typeof intent['retractBinBefore'] === 'number' ? intent['retractBinBefore'] : null;
  // the bin witnesses only until a pass that read the dispenser left this for staff (the kiosk served
  // on since: later withdrawals' notes retracted into the same bin)
  const leftOnRead = steps.some(
    (s) => s.step === 'recovery.needsStaff' && detailText(s, 'reason') !== DISPENSER_SILENT_WHY,
  );
  const binNow = leftOnRead ? null : facts.retractBin;
  const retractedSince = retractBinBefore !== null && binNow !== null && binNow > retractBinBefore;
  // a retract journaled done with the notes it took back (the journey's, or an earlier recovery's)
  // put them in the bin, whatever count the bin came back with (a dispenser that counts nothing
  // restores an older one); a done that took back none, or an older one the journal cannot prove
  // took any, is no retract (the notes maybe taken, the take not yet journaled): left for staff below
  if (notesProvenRetracted(steps) || retractedSince) {
    return {
      action: 'reverse',
      why: 'the notes went to the retract bin',
      amountFen: held,
      retract: false,
      reason: 'retracted',
    };
  }
  // the notes a dispense of unknown outcome left in the presenter, its retract failed, are gone and
  // the retract bin did not count them: maybe taken at the slot. The cassettes cannot say (a
  // dispenser that counts nothing itself takes such notes out of its counts only once it sees them)
  if (has(steps, CASH_LEFT_IN_PRESENTER)) {
    // presented at the slot and every retract refused (nothing moved): nobody watched the slot since
    // the retract began, so the resident's take or the presenter's own retract, unknown
    const refused = presentedThenRefusedAsBusy(steps);
    if (refused)
      return goneUnseen(steps, refused, 'the notes presented are gone after retracts refused as busy');
    return {
      action: 'undecided',
      why: 'the notes left in the presenter after a failed retract are gone, not in the retract bin',
    };
  }
  if (before === undefined) {
    return { action: 'undecided', why: 'the dispense intent carries no cassette counts to compare with' };
  }
  const moved = Object.entries(before).some(
    ([id, n]) => facts.cassettes[id] !== undefined && facts.cassettes[id] !== n,
  );
  const unknownCassette = Object.keys(before).some((id) => facts.cassettes[id] === undefined);
  if (unknownCassette) return { action: 'undecided', why: 'a cassette counted at the dispense is gone' };
  if (!moved) {
    return {
      action: 'reverse',
      why: 'no note left the cassettes',
      amountFen: held,
      retract: false,
      reason: 'dispenseFault',
    };
  }
  // the journey's retract, or a settlement's whose answer never came (the dispenser dropped during
  // it): the notes may be in a bin that counts nothing itself, so they are never taken as paid
  if (has(steps, 'cash.retract', 'intent') || has(steps, 'recovery.cash.retract', 'intent')) {
    return {
      action: 'undecided',
      why: 'a retract was under way and the retract bin did not count the notes',
    };
  }
  // presented and gone across the crash, the take never seen: taken, or drawn in on its own
  if (has(steps, 'cash.present', 'intent')) {
    const journey = steps.filter((s) => !s.step.startsWith('recovery.'));
    return goneUnseen(steps, journey.at(-1)!, 'the notes presented are gone across a restart');
  }
  return { action: 'undecided', why: 'notes left the cassettes but were never presented' };
}

/** Paid out: the hold confirmed, after reversing what a partial count did not pay. */
function confirmTaken(steps: readonly JournaledStep[], held: number, why: string): WithdrawalDecision {
  const partial = detailOf(steps, 'cash.partial', 'event');
  const paidFen = typeof partial['countedFen'] === 'number' ? partial['countedFen'] : held;
  if (paidFen > held) return { action: 'undecided', why: 'more was paid out than the host holds' };
  return { action: 'confirm', why, reverseFirstFen: held - paidFen };
}
