/**
 * What field staff do with a withdrawal recovery could not decide (`recovery.needsStaff`; or one
 * whose session ended with the host still holding it undecided: `closedWithdrawalLeftForStaff`): they
 * count the cash (cassettes, presenter, bins) and say whether the resident was paid, or how much
 * they took (`withdrawal-verdict.ts`). The verdict is journaled with who gave it (an amount taken
 * checked first: `checkTakenFen`), notes still in the presenter go to the retract bin, the host's
 * hold is confirmed (paid; after a retract that came back short, what it took back is given back
 * first: `reverseFirstOnPaid`), reversed (not paid), or given back above the amount taken and the
 * rest confirmed (taken) under the transaction's idempotency keys, and the transaction is closed.
 * The maintenance room offers it to a logged-in supervisor. A dispenser reading offline (its
 * presenter not read: not opened since boot, silent, its line down) is refused DEVICE_OFFLINE before
 * anything is journaled or moved, and a journaled verdict carried through at boot waits for it
 * likewise: read as empty, the notes at the slot stayed there while the host gave their amount back.
 *
 * A verdict stands once journaled (ADR 0010): a host that does not answer leaves the transaction
 * open with its verdict, and only the same verdict may be given again (another is refused
 * MAINTENANCE_ALREADY_SETTLED, as is an amount taken other than the one given, and any verdict once
 * the transaction is closed); a restart in
 * between carries the journaled verdict through at boot (`resumeWithdrawalVerdict`), never decides
 * the withdrawal again. Exactly once at the host: what is still held is asked by the serial before
 * each try, so a confirm or reversal the host took before the answer was lost is not sent again.
 * A first verdict on a hold the host ended by itself (expired, released at the back office) is
 * refused MAINTENANCE_SETTLED_BY_HOST, what the host says journaled (`withdrawal-settled-by-host.ts`).
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import { refuseIfHostAway } from '../host/boot-host.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { journaledAct } from './journey-tools.js';
import { confirmHoldJournaled } from './paid-above-hold.js';
import { catchUpRetractCounts, retractCounted } from './recovery-retract-counts.js';
import { WITHDRAWAL, withdrawalVerdictGiven } from './withdrawal-left-for-staff.js';
import {
  askHold,
  journalSettledByHost,
  noteHostEndedBeforeVerdictActs,
  type AskedHold,
  settledAtHost,
  settledByHostRefusal,
} from './withdrawal-settled-by-host.js';
import { admitStaffVerdict, journalStaffVerdict, resumeJournaledVerdict } from './staff-settlement-rules.js';
import {
  checkTakenFen,
  giveBackAtHost,
  sameVerdict,
  verdictActs,
  verdictDetail,
  verdictKind,
  type WithdrawalVerdict,
} from './withdrawal-verdict.js';

export { STAFF_VERDICTS, type StaffVerdict, type WithdrawalVerdict } from './withdrawal-verdict.js';
export {
  closedWithdrawalLeftForStaff,
  WITHDRAWAL_LEFT_ENDS,
  withdrawalVerdictGiven,
  withdrawalVerdictOf,
} from './withdrawal-left-for-staff.js';

/**
 * How the hold ended; `aboveHoldFen`: staff counted the resident paid this much more than the host
 * still held, only the hold confirmed (journaled with the confirm: the back office's to reconcile).
 */
export interface StaffSettled {
  readonly hostStatus: string;
  readonly aboveHoldFen?: number;
}

export interface StaffSettlementDeps {
  readonly journal: JournalService;
  readonly host: HostService;
  readonly dispenser: CashDispenserPort;
}

/** Returns what the host holds afterwards (0) and how the hold ended. */
export async function settleWithdrawalByStaff(
  deps: StaffSettlementDeps,
  transactionId: string,
  verdict: WithdrawalVerdict,
  staffId: string,
): Promise<StaffSettled> {
  const { journal } = deps;
  const admitted = await admitStaffVerdict(journal, WITHDRAWAL, transactionId, verdictKind(verdict)).catch(
    async (e: unknown) => {
      throw await withAmountGiven(journal, transactionId, e);
    },
  );
  const { steps, open } = admitted;
  // the same verdict sent again (the host did not answer) is of the same amount taken
  const given = withdrawalVerdictGiven(steps);
  if (typeof given === 'object' && !sameVerdict(given, verdict)) throw otherAmount(transactionId, given);
  if (typeof verdict === 'object')
    checkTakenFen(transactionId, verdict.takenFen, steps, deps.dispenser.cassettes());
  // what the presenter holds read before anything is journaled or asked of the host
  assertPresenterRead(deps.dispenser, transactionId);
  // the first verdict: the hold asked for first, and one the host ended itself journaled so, refused
  const asked = given === undefined ? await askHold(deps.host, transactionId) : undefined;
  if (asked && 'view' in asked && settledAtHost(asked.view)) {
    await journalSettledByHost(journal, transactionId, asked.view);
    // staff are at the kiosk: the notes at the slot go to the retract bin as a verdict's would
    await retractAtSlot(deps, transactionId, steps);
    if (open) await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
    throw settledByHostRefusal(transactionId, await journal.stepsOf(transactionId))!;
  }
  // journal first: the verdict and who gave it, before any retract or host call (once)
  const toJournal = admitted.toJournal || given === 'unreadable';
  if (toJournal)
    await journalStaffVerdict(journal, transactionId, { ...verdictDetail(verdict), staff: staffId });
  // one closed already (its session ended) is settled at the host and not closed again
  return carryOut(deps, transactionId, verdict, { close: open, asked });
}

/**
 * At boot: a verdict staff journaled whose settlement a restart cut short is carried through as
 * given (the notes retracted, the hold confirmed or reversed once, closed). Undefined: no verdict
 * here (recovery decides as usual); settled: the host settled it (acted: by this call); not
 * settled: the host did not answer, or the verdict does not read (left open for staff, listed
 * with its verdict, the kiosk out of service). A host that did not answer earlier at this boot
 * (`boot.away`) is not asked (the notes at the slot are still retracted); one that does not answer
 * this one marks it away for the boot's later calls.
 */
export async function resumeWithdrawalVerdict(
  deps: StaffSettlementDeps,
  transactionId: string,
  boot?: BootHost,
  /** the transaction's steps as boot recovery read them; absent: read */
  steps?: readonly JournaledStep[],
): Promise<{ readonly settled: boolean } | undefined> {
  const resumed = await resumeJournaledVerdict(
    deps.journal,
    WITHDRAWAL,
    transactionId,
    boot,
    (_kind, read) =>
      carryOut(deps, transactionId, readableVerdict(transactionId, read), { boot, steps: read }),
    steps,
  );
  return resumed && { settled: resumed.settled };
}

/** The verdict journaled in full (a `taken` one without an amount that reads: refused, left for staff). */
function readableVerdict(transactionId: string, steps: readonly JournaledStep[]): WithdrawalVerdict {
  const given = withdrawalVerdictGiven(steps);
  if (given !== undefined && given !== 'unreadable') return given;
  throw new KioskError(
    ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID,
    'The amount counted taken does not read in the journal: give the verdict again.',
    { transactionId },
  );
}

/**
 * A refusal naming a taken verdict that stands, with its amount (staff are told what was decided);
 * or, for one not found, the host's word that it ended the hold itself, where journaled.
 */
async function withAmountGiven(journal: JournalService, transactionId: string, e: unknown): Promise<unknown> {
  if (KioskError.is(e) && e.code === ErrorCode.SESSION_NOT_FOUND)
    return settledByHostRefusal(transactionId, await journal.stepsOf(transactionId)) ?? e;
  if (!KioskError.is(e) || e.details['verdict'] !== 'taken') return e;
  const given = withdrawalVerdictGiven(await journal.stepsOf(transactionId));
  if (typeof given !== 'object') return e;
  return new KioskError(e.code, e.message, { ...e.details, takenFen: given.takenFen });
}

function otherAmount(transactionId: string, given: { readonly takenFen: number }): KioskError {
  return new KioskError(
    ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    'An amount taken was given for this withdrawal already; only that one can be sent to the host again.',
    { transactionId, verdict: 'taken', takenFen: given.takenFen },
  );
}

/**
 * A dispenser that reads offline (not opened since boot, silent, its line down) has a presenter
 * the driver has not read, or not since: read as empty, the notes at the slot would be left there
 * while the host gives their amount back. Refused DEVICE_OFFLINE: settled once it answers.
 */
function assertPresenterRead(dispenser: CashDispenserPort, transactionId: string): void {
  if (dispenser.status().device !== 'offline') return;
  throw new KioskError(
    ErrorCode.DEVICE_OFFLINE,
    'The cash dispenser does not answer, so the notes at its slot are unknown; settle once it answers.',
    { transactionId },
  );
}

/**
 * The notes at the slot into the retract bin, counted (an earlier retract's counts caught up
 * first); a presenter not read (`assertPresenterRead`) refused before anything moves.
 */
async function retractAtSlot(
  { journal, dispenser }: StaffSettlementDeps,
  transactionId: string,
  read: readonly JournaledStep[],
): Promise<void> {
  assertPresenterRead(dispenser, transactionId);
  await catchUpRetractCounts(journal, dispenser, read);
  if (dispenser.presenter().state !== 'empty') await retractCounted(journal, dispenser, transactionId, read);
}

/** Retracts notes left at the slot, settles what the host still holds as the verdict says, closes. */
async function carryOut(
  deps: StaffSettlementDeps,
  transactionId: string,
  verdict: WithdrawalVerdict,
  how: {
    readonly boot?: BootHost;
    /** the transaction's steps as read before; absent: read */
    readonly steps?: readonly JournaledStep[];
    /** close the transaction (false: closed already) */
    readonly close?: boolean;
    /** the hold as asked before the verdict was journaled; absent: asked here */
    readonly asked?: AskedHold;
  },
): Promise<StaffSettled> {
  const { journal, host } = deps;
  const { boot, steps, close = true, asked } = how;
  const read = steps ?? (await journal.stepsOf(transactionId));
  await retractAtSlot(deps, transactionId, read);
  refuseIfHostAway(boot);
  // asked anew each time: a confirm or reversal the host took before a restart is not sent again
  if (asked && 'error' in asked) throw asked.error;
  const held = asked ? asked.view : await host.withdrawalByKey(transactionId);
  await noteHostEndedBeforeVerdictActs(journal, transactionId, read, held);
  let hostStatus = held?.status ?? 'unknown to the host';
  let aboveHoldFen: number | undefined;
  if (held && held.heldFen > 0) {
    // what goes back first (a short retract's notes in the bin, what staff counted not taken, all)
    const { giveBack, confirm, aboveHold } = verdictActs(verdict, read, held.heldFen);
    if (giveBack) {
      const answer = await journaledAct(
        journal,
        transactionId,
        'recovery.withdrawal.reverse',
        () => giveBackAtHost(host, held.authorisationId, transactionId, giveBack),
        { amountFen: giveBack.amountFen, reason: giveBack.journaled },
      );
      hostStatus = answer.status;
    }
    if (confirm) {
      // journal first: what staff counted above the hold (only the hold is confirmed), then told
      const answer = await confirmHoldJournaled(journal, transactionId, read, aboveHold, () =>
        host.confirmWithdrawal(held.authorisationId, transactionId),
      );
      hostStatus = answer.status;
      aboveHoldFen = aboveHold?.aboveHoldFen;
    }
  }
  if (close) await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  return { hostStatus, ...(aboveHoldFen !== undefined && { aboveHoldFen }) };
}
