/**
 * Recovery at boot of one withdrawal (see `SessionRecoveryService`): the kiosk's three witnesses
 * (the journal's steps, the dispenser's presenter and counts, the host's state by idempotency key)
 * go to `decideWithdrawal`, the decision is journaled (`recovery.withdrawal`) and carried out,
 * each act journaled first: the notes at the slot retracted, the hold reversed or confirmed at the
 * host. What cannot be decided, or fails, is journaled as `recovery.needsStaff` with the reason;
 * a step the journal refuses (an act's done) throws instead: no staff matter, cut short.
 */
import { countOf, type CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, isUsable } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { journaledAct } from './journey-tools.js';
import { confirmHoldJournaled } from './paid-above-hold.js';
import { goneUnseenFacts } from './notes-gone-unseen.js';
import { catchUpRetractCounts, retractCounted } from './recovery-retract-counts.js';
import { shortRetractDetail } from './retracted-notes.js';
import { decideWithdrawal, RETRACT_SHORT_WHY, type WithdrawalDecision } from './withdrawal-recovery.js';
import { giveBackAtHost, PARTIAL_DISPENSE, type GiveBack } from './withdrawal-verdict.js';
import { noteHostSilence, refuseIfHostAway } from '../host/boot-host.js';
import type { BootHost, JournaledHostRetries } from '../host/journaled-host-retries.js';
import {
  endLeftSettledByHost,
  retractNotesOfSettledByHost,
} from '../sessions/withdrawals-settled-by-host-at-boot.js';

export interface BootSettlementDeps {
  readonly journal: JournalService;
  readonly host: HostService;
  /** the dispenser as the devices hold it when recovery runs */
  readonly devices: { readonly cashDispenser: CashDispenserPort };
  readonly log: { warn(message: string): void; error(message: string): void };
  /** told what the late sweep could not decide (some wait for the dispenser) or found the host ended */
  readonly lateSweepLeft?: (undecided: readonly string[]) => Promise<void>;
  /**
   * The sweep settles each serial in this hand (`SettlementHands.sweep`, shared with staff
   * settlements, recovery and the dispenser-back settlement); absent: none other settles here.
   */
  readonly inHand?: <T>(serial: string, settle: () => Promise<T>) => Promise<T>;
  /** told the notes a withdrawal ended by the host may have left at the slot wait for the silent dispenser */
  readonly notesWaitForTheDispenser?: (serial: string, code: string) => void;
}

/**
 * The host's held withdrawals of this kiosk, none where the host cannot list them now (the money
 * stays held at the host, nothing is paid or lost). Recovery's sweep (`sweepHeldWithdrawals`)
 * tries a host that cannot list them again in the background instead.
 */
export async function withdrawalsHeldAtHost(deps: BootSettlementDeps): Promise<WithdrawalView[]> {
  try {
    return await deps.host.authorisedWithdrawals();
  } catch (e) {
    deps.log.warn(`recovery: the host cannot list held withdrawals now: ${KioskError.from(e).code}`);
    return [];
  }
}

/** The background tries' key of the sweep of held withdrawals (no transaction of its own). */
export const SWEEP_KEY = 'recovery.heldWithdrawals';

export interface HeldSweep {
  /** confirmed or reversed at the host */
  readonly settled: number;
  /** serials that cannot be decided (journaled `recovery.needsStaff`, or unknown to the journal) */
  readonly undecided: readonly string[];
}

/**
 * The sweep of the withdrawals the host holds for this kiosk: each (but those `skip` names) is
 * settled from the journal. At boot a host that cannot list them now is not waited for until the
 * next boot: the sweep is handed to the background tries (`later`, the same pauses as a release)
 * and runs once the host answers, leaving alone the transactions open then (a session's own) and
 * the serials still tried in the background; the kiosk goes in service meanwhile, as it did with
 * the sweep left to the next boot. What that late sweep cannot decide is journaled
 * (`recovery.needsStaff`) and still held at the host, so the next boot's sweep finds it again
 * and keeps the kiosk out of service; what of it waits for the dispenser's silence alone is
 * settled once the dispenser answers (`lateSweepLeft`, ADR 0020). A host that did not answer an
 * earlier call of this boot (`boot.away`) is not asked now: the sweep goes to the background tries
 * at once; one that does not answer the list marks `boot.away` for the calls after it.
 *
 * Each serial is settled in its settlement hand (`deps.inHand`): the late sweep runs in the
 * background, beside a staff verdict on a withdrawal left for staff (closed, still held) and the
 * dispenser-back settlement, and its witnesses (the steps, the host's state, the presenter) are
 * read across awaits. Out of the hand a verdict's retract and reversal could land between its
 * reads and its acts: a second retract with its counts, a decision journaled against the verdict.
 * The host's idempotency keys do not stop that (a reversal of a confirmed hold is refused, but only
 * after the retract and the decision are journaled). In the hand a staff verdict is refused
 * (MAINTENANCE_SETTLEMENT_IN_PROGRESS) and the sweep waits for one under way, then reads anew.
 */
export async function sweepHeldWithdrawals(
  deps: BootSettlementDeps,
  skip: (serial: string) => boolean,
  later?: Pick<JournaledHostRetries, 'retryLater' | 'owns'>,
  boot?: BootHost,
): Promise<HeldSweep> {
  const sweep = async (
    list: readonly WithdrawalView[],
    leaveAlone: (serial: string) => boolean | Promise<boolean>,
    /** the boot's sweep (not the late one in the background) */
    atBoot?: BootHost,
  ): Promise<HeldSweep> => {
    let settled = 0;
    const undecided: string[] = [];
    const inHand = deps.inHand ?? ((_serial, settle) => settle());
    for (const held of list) {
      const serial = held.transactionSerial;
      if (await leaveAlone(serial)) continue;
      const result = await inHand(serial, async () => {
        // read anew in the hand: a staff verdict or a late settlement may have settled it meanwhile
        if (await leaveAlone(serial)) return false;
        const steps = await deps.journal.stepsOf(serial);
        if (steps.length > 0) return settleWithdrawalAtBoot(deps, serial, atBoot, steps);
        // money held under a serial this journal does not know (a replaced or lost journal file)
        deps.log.error(`recovery: the host holds ${held.heldFen} fen under ${serial}, unknown here`);
        return undefined;
      });
      if (result === undefined) undecided.push(serial);
      else if (result) settled += 1;
    }
    return { settled, undecided };
  };
  let list: WithdrawalView[];
  try {
    if (later) refuseIfHostAway(boot);
    list = await deps.host.authorisedWithdrawals();
  } catch (e) {
    noteHostSilence(boot, e);
    deps.log.warn(`recovery: the host cannot list held withdrawals now: ${KioskError.from(e).code}`);
    // asked after the host listed it: a session's serial is open before the host holds anything for it
    const openNow = async (serial: string) =>
      (await deps.journal.openTransactions()).some((t) => t.id === serial);
    await later?.retryLater(SWEEP_KEY, e, {
      step: SWEEP_KEY,
      unjournaled: true,
      send: async () => {
        const late = await sweep(
          await deps.host.authorisedWithdrawals(),
          async (serial) => later.owns(serial) || (await openNow(serial)),
        );
        // and those left for staff whose hold the host ended itself, as at boot
        const ended = await endLeftSettledByHost(deps, (s) => late.undecided.includes(s) || later.owns(s));
        await retractNotesOfSettledByHost(deps);
        if (late.undecided.length > 0)
          deps.log.error(`recovery: held withdrawals need field staff: ${late.undecided.join(',')}`);
        // those left for the dispenser's silence are settled once it answers (ADR 0020); told of all
        if (late.undecided.length + ended.length > 0)
          await deps.lateSweepLeft?.([...late.undecided, ...ended]).catch((e: unknown) => {
            deps.log.error(`recovery: the late sweep's leftovers not noted: ${KioskError.from(e).code}`);
          });
        return { settled: late.settled, undecided: late.undecided.length };
      },
    });
    return { settled: 0, undecided: [] };
  }
  // only the list is waited for: what settling one throws stops recovery as before
  return sweep(list, skip, boot);
}

/**
 * Settles one withdrawal. Returns true when recovery confirmed or reversed it at the host,
 * false when there was nothing to settle, undefined when it cannot be decided (journaled). A host
 * that did not answer earlier at this boot (`boot.away`) is not asked: undecided, as when it does
 * not answer now, which marks it away for the boot's later calls.
 */
export async function settleWithdrawalAtBoot(
  deps: BootSettlementDeps,
  transactionId: string,
  boot?: BootHost,
  /** the transaction's steps as read just before (none written since that `decideWithdrawal` reads); absent: read */
  read?: Awaited<ReturnType<JournalService['stepsOf']>>,
): Promise<boolean | undefined> {
  const { journal } = deps;
  const steps = read ?? (await journal.stepsOf(transactionId));
  // a restart between an earlier retract's step and its counters record: its bins caught up first
  await catchUpRetractCounts(journal, deps.devices.cashDispenser, steps);
  if (!steps.some((s) => s.step === 'withdrawal.authorise')) {
    // the kiosk never asked for money under this serial: nothing can be held, nothing moved
    await journal.recordStep(transactionId, 'recovery.withdrawal', 'event', {
      action: 'none',
      why: 'never authorised',
    });
    return false;
  }
  let host: WithdrawalView | undefined;
  try {
    refuseIfHostAway(boot);
    host = await deps.host.withdrawalByKey(transactionId);
  } catch (e) {
    noteHostSilence(boot, e);
    await needsStaff(deps, transactionId, `the host did not answer: ${KioskError.from(e).code}`);
    return undefined;
  }
  const dispenser = deps.devices.cashDispenser;
  const presenter = dispenser.presenter();
  const decision = decideWithdrawal({
    steps,
    dispenserAnswers: isUsable(dispenser.status()),
    presenter,
    cassettes: Object.fromEntries(dispenser.cassettes().map((c) => [c.id, c.count])),
    retractBin: countOf(dispenser.status().supplies, 'retractBin'),
    host,
  });
  await journal.recordStep(transactionId, 'recovery.withdrawal', 'event', {
    action: decision.action,
    why: decision.why,
    hostStatus: host?.status ?? 'unknown to the host',
  });
  try {
    const atSlot = { atSlotFen: presenter.amountFen, atSlotNotes: presenter.notes };
    return await carryOut(deps, transactionId, decision, host, steps, atSlot);
  } catch (e) {
    // the journal refused a step of its own (an act's done: the act may be done): nothing for
    // staff, the settlement is cut short and carried through again from the journal and the host
    if (KioskError.from(e).code === ErrorCode.JOURNAL_WRITE_FAILED) throw e;
    noteHostSilence(boot, e);
    await needsStaff(deps, transactionId, `${decision.action} failed: ${KioskError.from(e).code}`);
    return undefined;
  }
}

async function carryOut(
  deps: BootSettlementDeps,
  transactionId: string,
  decision: WithdrawalDecision,
  host: WithdrawalView | undefined,
  steps: readonly JournaledStep[],
  /** what the presenter held when the decision was made */
  atSlot: { readonly atSlotFen: number; readonly atSlotNotes: number },
): Promise<boolean | undefined> {
  const { journal } = deps;
  const dispenser = deps.devices.cashDispenser;
  const retract = () => retractCounted(journal, dispenser, transactionId, steps, atSlot);
  /** gives `back.amountFen` of the hold back at the host for its reason, under its act's key, journaled */
  const reverse = (back: GiveBack) =>
    journaledAct(
      journal,
      transactionId,
      'recovery.withdrawal.reverse',
      () => giveBackAtHost(deps.host, host!.authorisationId, transactionId, back),
      { amountFen: back.amountFen, reason: back.journaled },
    );
  switch (decision.action) {
    case 'undecided': {
      const short = decision.retractShort && shortRetractDetail(decision.retractShort);
      await needsStaff(deps, transactionId, decision.why, { ...goneUnseenFacts(decision), ...short });
      return undefined;
    }
    case 'none':
      if (decision.retractStray) await retract();
      return false;
    case 'reverse': {
      // fewer notes taken back than the presenter held at the decision: they went since (taken at
      // the slot), so nothing is reversed; staff count the cash
      const back = decision.retract ? (await retract()).notes : atSlot.atSlotNotes;
      if (back < atSlot.atSlotNotes) {
        await needsStaff(deps, transactionId, RETRACT_SHORT_WHY, {
          retracted: back,
          held: atSlot.atSlotNotes,
        });
        return undefined;
      }
      const { amountFen, reason } = decision;
      await reverse(decision.giveBack ?? { amountFen, reason, journaled: reason });
      return true;
    }
    case 'confirm': {
      const { authorisationId } = host!;
      // what a partial count did not pay goes back first; after a staff verdict, what it gives back
      // (the notes staff counted still at the slot into the retract bin before the host is told)
      if (decision.retract === true) await retract();
      const amountFen = decision.reverseFirstFen;
      if (amountFen > 0) await reverse(decision.giveBack ?? { amountFen, ...PARTIAL_DISPENSE });
      // a verdict counted paid above the hold: journaled with the confirm, only the hold confirmed
      await confirmHoldJournaled(journal, transactionId, steps, decision.aboveHold, () =>
        deps.host.confirmWithdrawal(authorisationId, transactionId),
      );
      return true;
    }
  }
}

async function needsStaff(
  deps: BootSettlementDeps,
  transactionId: string,
  reason: string,
  facts: Record<string, unknown> = {},
): Promise<void> {
  await deps.journal.recordStep(transactionId, 'recovery.needsStaff', 'event', { reason, ...facts });
  deps.log.error(`recovery: ${transactionId} needs field staff: ${reason}`);
}
