/**
 * The withdrawal journey's retracts (`withdrawal-journey.ts`): the one after the take timeout or a
 * presentation's fault, and the one after a dispense whose outcome the dispenser could not tell,
 * each journaled with the counts it made; and what becomes of the notes when either fails.
 */
import { countOf, NOTES_GONE_UNSEEN, type CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, isUsable, type ErrorDetails } from '@kiosk/domain';
import { Logger } from '@nestjs/common';
import { NOTES_LEFT_IN_PRESENTER } from '@kiosk/state-machines';
import type { JourneyTools } from './journey-tools.js';
import type { NotesLeftOwedSteps, OwedTries } from './notes-left-owed.js';
import { JOURNEY_RETRACT_STEP, retractWithCounts } from './recovery-retract-counts.js';
import {
  atSlotDetail,
  retractFellShort,
  shortRetractDetail,
  type NotesAtSlot,
  type NotesTakenBack,
} from './retracted-notes.js';

const log = new Logger('WithdrawalRetract');

/**
 * A dispense whose outcome the dispenser could not tell: whatever it counted waits behind the
 * closed shutter (a dispense never opens it), so it goes to the retract bin and the next
 * withdrawal finds the presenter empty; the hold is then reversed.
 *
 * When even the retract fails, where the notes are is not known: still in the presenter (maybe
 * at the slot, a shutter the failed retract left open, to be taken later), or drawn in by a
 * retract whose answer was lost. Reversing the hold then could pay the resident without a charge,
 * so it is neither reversed nor confirmed: the notes left in the presenter are journaled for staff
 * (`cash.leftInPresenter`, with the retract's failure and what the dispenser read in the
 * presenter) and the journey ends undecided (`NOTES_LEFT_IN_PRESENTER`), the money still held at
 * the host. Whoever can read the presenter next settles it by what it holds, the counts written
 * once (recovery's sweep of held withdrawals: notes there → retracted and reversed; gone and not
 * in the retract bin → field staff count), or field staff do. Once journaled the serial is told
 * (`notesLeft`): one the dispenser did not answer waits for it, settled when it answers again.
 */
export async function retractUnknownDispense(
  deps: NotesLeftDeps,
  tools: JourneyTools,
  dispenseError: unknown,
): Promise<never> {
  try {
    await retractAtSlot(deps.dispenser, tools);
  } catch (retractError) {
    // the retract is journaled as failed by `irreversible`
    const code = await leaveNotesInPresenter(deps, tools, retractError);
    throw new KioskError(
      code,
      'The cash dispenser could not take the notes back; staff will count them and settle your account.',
      { [NOTES_LEFT_IN_PRESENTER]: true, dispenseCode: KioskError.from(dispenseError).code },
    );
  }
  throw dispenseError;
}

/**
 * The journey's retract of notes presented and not taken (the take timeout, a presentation's
 * fault, a dispenser past its bounds): when it fails, the notes may still be at the slot (taken
 * later, or there when the dispenser answers again), so they are left as those of a dispense of
 * unknown outcome are: journaled for staff (`cash.leftInPresenter`) and told (`notesLeft`), so one
 * the dispenser did not answer or refused as busy is settled once it answers again, by what its
 * presenter holds then. A retract cancelled because the journey left it (the notes taken at the
 * slot meanwhile) leaves nothing: what moved it settles the withdrawal.
 *
 * A retract that takes back some of the notes presented (`atSlot`) but fewer (the resident took
 * the rest as it ran) is no ground to reverse the whole hold, nor to confirm it: the facts are
 * journaled for staff (`cash.retractShort`: what was at the slot, what came back) and the journey
 * ends undecided (CASH_PARTLY_TAKEN), the money held at the host until staff settle it.
 */
export async function retractNotTaken(
  deps: NotesLeftDeps,
  tools: JourneyTools,
  signal?: AbortSignal,
  atSlot?: NotesAtSlot,
): Promise<void> {
  let back: NotesTakenBack;
  try {
    back = await retractAtSlot(deps.dispenser, tools, signal, atSlot);
  } catch (retractError) {
    if (!signal?.aborted) await leaveNotesInPresenter(deps, tools, retractError);
    throw retractError;
  }
  if (atSlot && retractFellShort(atSlot, back)) {
    // journal first: the supervisor's list and every later recovery read it from here
    const facts = shortRetractDetail({ step: JOURNEY_RETRACT_STEP, ...atSlot, ...back });
    await tools.step(CASH_RETRACT_SHORT, { forStaff: true, ...facts });
    throw new KioskError(
      ErrorCode.CASH_PARTLY_TAKEN,
      'Part of the cash was taken before the kiosk took the rest back; staff will count the notes and settle your account.',
      facts,
    );
  }
}

interface NotesLeftDeps {
  readonly dispenser: CashDispenserPort;
  /** told the serial once the notes left are journaled */
  readonly notesLeft?: (serial: string) => void;
  /** the notes left a refusing journal did not take are owed to it (`notes-left-owed.ts`); absent: not */
  readonly notesLeftOwed?: Pick<NotesLeftOwedSteps, 'journalLater'>;
  readonly notesLeftTries?: OwedTries;
}

/** The notes a failed retract left, journaled for staff and told; answers the retract's code. */
async function leaveNotesInPresenter(
  deps: NotesLeftDeps,
  tools: JourneyTools,
  retractError: unknown,
): Promise<ErrorCode> {
  const code = KioskError.from(retractError).code;
  const detail = { forStaff: true, code, ...presenterAsRead(deps.dispenser), ...goneUnseenOf(retractError) };
  const told = () => deps.notesLeft?.(tools.transactionId);
  try {
    await tools.step(CASH_LEFT_IN_PRESENTER, detail);
    told();
  } catch (e) {
    // the hold stays at the host; the step is owed to the journal, tried again until it takes it
    const { notesLeftOwed } = deps;
    log.error(
      `withdrawal ${tools.transactionId}: the notes left in the presenter (retract ${code}) could not be journaled for staff (${KioskError.from(e).code}); the hold stays, ${notesLeftOwed ? 'the step is tried again' : "the next boot's sweep reads it"}`,
    );
    if (notesLeftOwed)
      void notesLeftOwed.journalLater(tools, CASH_LEFT_IN_PRESENTER, detail, told, deps.notesLeftTries);
  }
  return code;
}

/**
 * The notes presented at the slot that went while the dispenser was out of reach (its link down):
 * taken or drawn in by the presenter on its own, which it cannot tell (ADR 0020). What the kiosk
 * knows goes to staff with the step: the amount presented, when it lost sight of them, when the
 * dispenser answered again. Nothing when the retract failed otherwise.
 */
function goneUnseenOf(retractError: unknown): ErrorDetails {
  if (!KioskError.is(retractError) || retractError.details[NOTES_GONE_UNSEEN] !== true) return {};
  const { amountFen, notes, lostAt, backAt } = retractError.details;
  return {
    [NOTES_GONE_UNSEEN]: true,
    presentedFen: amountFen ?? null,
    presentedNotes: notes ?? null,
    lostAt: lostAt ?? null,
    backAt: backAt ?? null,
  };
}

/** journal step: the notes of an unknown dispense left in the presenter, its retract failed */
export const CASH_LEFT_IN_PRESENTER = 'cash.leftInPresenter';

/** journal step: the journey's retract took back fewer notes than it presented (for staff) */
export const CASH_RETRACT_SHORT = 'cash.retractShort';

/** The journey's own steps that leave a withdrawal for staff (beside recovery's `recovery.needsStaff`). */
export const JOURNEY_LEFT_FOR_STAFF: ReadonlySet<string> = new Set([
  CASH_LEFT_IN_PRESENTER,
  CASH_RETRACT_SHORT,
]);

/** The steps that leave a withdrawal for staff: recovery's and the journey's own. */
export const WITHDRAWAL_LEFT_STEPS: readonly string[] = ['recovery.needsStaff', ...JOURNEY_LEFT_FOR_STAFF];

/**
 * What the dispenser reads in its presenter; 'unknown' when it does not answer now (what it
 * believed before is not evidence: the LCDM reads its presenter again once it answers).
 */
function presenterAsRead(dispenser: CashDispenserPort): Record<string, string | number> {
  try {
    if (!isUsable(dispenser.status())) return { presenter: 'unknown' };
    const { state, notes, amountFen } = dispenser.presenter();
    return { presenter: state, notes, amountFen };
  } catch {
    return { presenter: 'unknown' };
  }
}

/**
 * The journey's retract (`cash.retract`), journaled with the counts it made (the bins, and the
 * cassettes a dispense whose outcome was unknown took the notes from) and those counts set once in
 * the dispenser's counters, so a restart between the step and the record neither loses nor
 * doubles them (`recovery-retract-counts.ts`), then the notes it retracted (`cash.retracted`).
 * The notes presented (`atSlot`, when they were) go with its intent: a restart after a done short
 * of them finds the retract short (`shortRetractOf`). Answers what it took back.
 */
export async function retractAtSlot(
  dispenser: CashDispenserPort,
  tools: JourneyTools,
  signal?: AbortSignal,
  atSlot?: NotesAtSlot,
): Promise<NotesTakenBack> {
  const retracted = await retractWithCounts(
    {
      journaled: (act, options) =>
        tools.irreversible(
          JOURNEY_RETRACT_STEP,
          act,
          { retractBinBefore: dispenserCounts(dispenser).retractBinBefore, ...atSlotDetail(atSlot) },
          options,
        ),
      lastRecord: async () => tools.lastCountersRecord?.(),
      recordOnce: async (made, device) =>
        tools.countsOnce
          ? tools.countsOnce('cashDispenser', made, device)
          : tools.counters?.(dispenser.status(), dispenser.cassettes()),
      record: async () => tools.counters?.(dispenser.status(), dispenser.cassettes()),
    },
    dispenser,
    () => dispenser.retract(signal),
  );
  await tools.step('cash.retracted', { retractedFen: retracted.retractedFen, notes: retracted.notes });
  return retracted;
}

/**
 * The dispenser's counts as journal detail: notes per cassette (`upper=200,lower=200`) and the
 * retract bin. Counts only, no amounts a resident could be identified by.
 */
export function dispenserCounts(dispenser: CashDispenserPort): {
  cassettesBefore: string;
  retractBinBefore: number | null;
} {
  return {
    cassettesBefore: dispenser
      .cassettes()
      .map((c) => `${c.id}=${c.count}`)
      .join(','),
    retractBinBefore: countOf(dispenser.status().supplies, 'retractBin'),
  };
}
