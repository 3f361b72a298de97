/**
 * A late settlement's turn, once the cash dispenser answers again (`dispenser-back-watch.ts` says
 * when): the withdrawals left for its silence alone, settled by recovery's rules
 * (`dispenser-back-settlement.ts`), then the notes a withdrawal whose hold the host ended by itself
 * left at the slot while it was silent, retracted into the bin under that withdrawal's serial as a
 * boot would (`retractNotesOfSettledByHost`: the journal read first, the retract's intent journaled
 * before it runs). Before this, those notes stayed in the presenter (CASH_LEFT_IN_PRESENTER holding
 * withdrawals back) until the next boot or a staff visit's self test.
 */
import type { BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { settleWhenTheDispenserIsBack, type LateTurn } from './dispenser-back-settlement.js';
import type { LeftUndecided } from './left-undecided.js';
import type { SettlementHands } from './settlement-hands.js';
import { retractNotesOfSettledByHost } from './withdrawals-settled-by-host-at-boot.js';

export type { LateTurn } from './dispenser-back-settlement.js';

/**
 * What waits for the dispenser settled (see above): undefined when none waits; `leftForStaff`, how
 * much of what the last recovery left undecided still is; notes the dispenser did not retract
 * (silent again) still wait, tried again as a withdrawal it did not answer is.
 */
export async function settleWhatWaits(
  hands: SettlementHands,
  left: LeftUndecided,
  deps: BootSettlementDeps,
): Promise<LateTurn | undefined> {
  const turn = await settleWithdrawalsWaiting(hands, left, deps);
  const notes = left.takeNotesAtSlot();
  if (notes === undefined) return turn;
  // journal first, in the withdrawal's settlement hand; silent again: noted again, quietly (the
  // watch tries again by its backoff, not at once)
  try {
    await retractNotesOfSettledByHost({
      ...deps,
      notesWaitForTheDispenser: (serial, code) => left.noteNotesAtSlot(serial, code, true),
    });
  } catch (e) {
    // the journal refused a step: they wait still, for the next reason to look or the next boot
    left.noteNotesAtSlot(notes.serial, notes.code, true);
    throw e;
  }
  const still = left.notesAtSlot;
  const base = turn ?? { leftForStaff: left.undecided, stillWaiting: 0 };
  if (still === undefined) return base;
  return { ...base, stillWaiting: base.stillWaiting + 1, fault: base.fault ?? still.code };
}

/**
 * The withdrawals waiting, settled in recovery's hands (a staff settlement of one is refused
 * meanwhile, a recovery waits for it): undefined when none waits.
 */
async function settleWithdrawalsWaiting(
  hands: SettlementHands,
  left: LeftUndecided,
  deps: BootSettlementDeps,
): Promise<LateTurn | undefined> {
  if (left.waiting.length === 0) return undefined;
  const claimed = await hands.claimForRecovery(async () => left.waiting.map((id) => ({ id })));
  try {
    if (claimed.open.length === 0) return undefined;
    const late = await settleWhenTheDispenserIsBack(
      deps,
      claimed.open.map((t) => t.id),
    );
    const turn = {
      leftForStaff: left.taken(late),
      stillWaiting: late.stillWaiting.length,
      failed: late.failed ?? [],
      ...(late.unclosed?.length ? { unclosed: late.unclosed.length } : {}),
    };
    return late.fault ? { ...turn, fault: late.fault } : turn;
  } finally {
    claimed.release();
  }
}
