/**
 * The rules a supervisor's settlement of what recovery left for staff follows (ADR 0010), one piece
 * for both kinds: a card making (`issuance-staff-settlement.ts`) and a withdrawal
 * (`withdrawal-staff-settlement.ts`). Each kind says what it reads (its journeys, the verdict's
 * field and values, its wording) and carries the verdict out itself.
 *
 * - Only a transaction of the kind that recovery left for staff (`recovery.needsStaff`) and that
 *   is still open can be settled, else SESSION_NOT_FOUND; or one closed that the kind reads as
 *   still left for staff (`leftClosed`: a withdrawal the host still holds undecided), which is
 *   settled the same way and not closed again.
 * - The verdict is journaled first (`recovery.staffVerdict`, with the staff card) and stands: once
 *   the transaction is closed any verdict is MAINTENANCE_ALREADY_SETTLED; while it is open another
 *   verdict is MAINTENANCE_ALREADY_SETTLED and the same one may be sent again (the host has not
 *   answered), journaled once.
 * - At boot a journaled verdict is carried through as given (`resumeJournaledVerdict`), never
 *   decided again by recovery; the host not answering leaves it open for staff.
 * - One hand at a time (MAINTENANCE_SETTLEMENT_IN_PROGRESS) is the recovery service's
 *   `SettlementHands`, around both kinds' settlements and its own recovery.
 *
 * The kinds differ on purpose in one point, each naming its choice (`UnreadableVerdictPolicy`):
 * what a `recovery.staffVerdict` step whose verdict does not read counts as.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { z } from 'zod';
import { noteHostSilence } from '../host/boot-host.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { detailField, type JournaledStep } from '../journal/step-detail.js';

export const STAFF_VERDICT_STEP = 'recovery.staffVerdict';

/**
 * What a journaled verdict that does not read counts as:
 * - `asNone` (card making): as if no verdict had been given. Recovery at boot decides the card
 *   making as usual, and staff may give any verdict, journaled anew; once closed, a settlement is
 *   SESSION_NOT_FOUND rather than MAINTENANCE_ALREADY_SETTLED.
 * - `leftForStaff` (withdrawal): a verdict was given and is not known. Recovery never decides the
 *   withdrawal then (left open for staff, the kiosk out of service); staff may send either verdict,
 *   journaled anew (the host is asked what it still holds before each try, so money moves once);
 *   once closed, any verdict is MAINTENANCE_ALREADY_SETTLED.
 */
export type UnreadableVerdictPolicy = 'asNone' | 'leftForStaff';

/** A journaled verdict as read: the verdict, 'unreadable' (policy `leftForStaff` only), or none. */
export type GivenVerdict<V extends string, P extends UnreadableVerdictPolicy> =
  V | undefined | (P extends 'leftForStaff' ? 'unreadable' : never);

/** What a kind of staff settlement reads and how it words its refusals. */
export interface StaffSettlementKind<V extends string, P extends UnreadableVerdictPolicy> {
  /** the journeys whose transactions it settles */
  readonly journeys: ReadonlySet<string>;
  /** the `recovery.staffVerdict` detail field holding the verdict, and its values */
  readonly verdictField: string;
  readonly verdicts: z.ZodType<V>;
  readonly unreadable: P;
  /** as staff read it: 'card making', 'withdrawal' */
  readonly what: string;
  /** who is told the verdict and may not have answered: 'office', 'host' */
  readonly toldTo: string;
  /** SESSION_NOT_FOUND's message */
  readonly notFound: string;
  /**
   * A transaction of the kind that is closed yet still left for staff, no verdict given, read from
   * its steps (a withdrawal whose session ended with the host still holding it undecided: recovery's
   * sweep left it for staff, or its notes were left in the presenter by a failed retract). Absent:
   * only open transactions are settled.
   */
  readonly leftClosed?: (steps: readonly JournaledStep[]) => boolean;
}

/** The last verdict staff journaled in these steps, read by the kind's policy. */
export function journaledVerdictOf<V extends string, P extends UnreadableVerdictPolicy>(
  kind: StaffSettlementKind<V, P>,
  steps: readonly JournaledStep[],
): GivenVerdict<V, P> {
  const last = steps.findLast((s) => s.step === STAFF_VERDICT_STEP);
  if (!last) return undefined;
  const field = detailField(last, kind.verdictField, kind.verdicts);
  if (field.read === 'value') return field.value;
  return (kind.unreadable === 'leftForStaff' ? 'unreadable' : undefined) as GivenVerdict<V, P>;
}

export interface AdmittedVerdict<V extends string, P extends UnreadableVerdictPolicy> {
  /** the transaction's steps as read before the verdict */
  readonly steps: readonly JournaledStep[];
  readonly given: GivenVerdict<V, P>;
  /** not journaled yet (none given, or one that does not read): journal it before acting */
  readonly toJournal: boolean;
  /** the transaction is open (closed: one the kind's `leftClosed` admits; not closed again) */
  readonly open: boolean;
}

/**
 * Staff's verdict checked against the journal: refused MAINTENANCE_ALREADY_SETTLED (closed with a
 * verdict, or another verdict given) or SESSION_NOT_FOUND (not open, not of the kind, not left for
 * staff), else admitted, with whether it still has to be journaled (`journalStaffVerdict`).
 */
export async function admitStaffVerdict<V extends string, P extends UnreadableVerdictPolicy>(
  journal: JournalService,
  kind: StaffSettlementKind<V, P>,
  transactionId: string,
  verdict: V,
): Promise<AdmittedVerdict<V, P>> {
  const tx = (await journal.openTransactions()).find((t) => t.id === transactionId);
  const steps = await journal.stepsOf(transactionId);
  const given = journaledVerdictOf(kind, steps);
  // closed and still left for staff (no verdict given yet: one given stands, see `leftClosed`)
  if (!tx && kind.leftClosed?.(steps) === true) return { steps, given, toJournal: true, open: false };
  if (!tx && given !== undefined) {
    throw new KioskError(ErrorCode.MAINTENANCE_ALREADY_SETTLED, `This ${kind.what} was settled already.`, {
      transactionId,
      verdict: given,
    });
  }
  if (!tx || !kind.journeys.has(tx.journey) || !steps.some((s) => s.step === 'recovery.needsStaff')) {
    throw new KioskError(ErrorCode.SESSION_NOT_FOUND, kind.notFound, { transactionId });
  }
  if (given !== undefined && given !== 'unreadable' && given !== verdict)
    throw otherVerdict(kind, transactionId, given);
  return { steps, given, toJournal: given !== verdict, open: true };
}

function otherVerdict(
  kind: { readonly what: string; readonly toldTo: string },
  transactionId: string,
  given: string,
): KioskError {
  return new KioskError(
    ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    `A verdict was given for this ${kind.what} already; only that one can be sent to the ${kind.toldTo} again.`,
    { transactionId, verdict: given },
  );
}

/** Journal first: the verdict and who gave it (`detail`), before anything is counted, moved or told. */
export async function journalStaffVerdict(
  journal: JournalService,
  transactionId: string,
  detail: StepDetail,
): Promise<void> {
  await journal.recordStep(transactionId, STAFF_VERDICT_STEP, 'event', detail);
}

/**
 * At boot: a journaled verdict whose settlement a restart cut short, carried through as given.
 * Undefined: no verdict (recovery decides as usual); `settled: false`: the verdict does not read
 * (policy `leftForStaff`) or the carrying out threw (the host did not answer: marked away for the
 * boot's later calls), left open for staff; else what `carryOut` gave.
 */
export async function resumeJournaledVerdict<V extends string, P extends UnreadableVerdictPolicy, R>(
  journal: JournalService,
  kind: StaffSettlementKind<V, P>,
  transactionId: string,
  boot: BootHost | undefined,
  carryOut: (given: V, steps: readonly JournaledStep[]) => Promise<R>,
  /** the transaction's steps as boot recovery read them (a verdict is journaled by staff only); absent: read */
  read?: readonly JournaledStep[],
): Promise<{ readonly settled: true; readonly result: R } | { readonly settled: false } | undefined> {
  const steps = read ?? (await journal.stepsOf(transactionId));
  const given = journaledVerdictOf(kind, steps);
  if (given === undefined) return undefined;
  if (given === 'unreadable') return { settled: false };
  try {
    return { settled: true, result: await carryOut(given as V, steps) };
  } catch (e) {
    // journaled failed by journaledAct (or the host's state not read): open, listed with its verdict
    noteHostSilence(boot, e);
    return { settled: false };
  }
}
