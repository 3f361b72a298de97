/**
 * After the sweep of held withdrawals (a boot's, a visit's self test's): each withdrawal the
 * journal still counts left for staff or ended undecided (`withdrawals-left-to-fleet.ts`) that is
 * not open and that the sweep did not find held is asked for by its serial; one whose hold the
 * host ended by itself (expired, released at the back office) is journaled so with what the host
 * says (`withdrawal-settled-by-host.ts`), off the supervisor's list and the fleet's count. One the
 * host still holds, knows nothing of, or cannot answer for is left as it was. A host that did not
 * answer earlier at this boot (`boot.away`) is not asked: the late sweep asks once it answers
 * (`sweepHeldWithdrawals`). Each is journaled in its settlement hand, read anew. So is a verdict
 * the host never answered, its session ended, whose hold the host then ended itself: the host's word
 * beside it (`noteHostEndedBeforeVerdictActs`), the verdict standing, nothing sent.
 *
 * Notes still at the slot of a withdrawal the host ended so (its retract unanswered, its session
 * ended: `cash.leftInPresenter`) go to the retract bin, counted, as a verdict refused for it takes
 * them (`retractNotesOfSettledByHost`): left there, CASH_LEFT_IN_PRESENTER held withdrawals back
 * with nothing on the supervisor's list to clear them by. Journal first: the host's word, then the
 * retract's intent; a restart between the two finds them again at the next boot. The dispenser
 * silent, they wait for it: retracted so at its comeback (`dispenser-back-turn.ts`).
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, isUsable } from '@kiosk/domain';
import type { JournaledStep } from '../journal/step-detail.js';
import { noteHostSilence } from '../host/boot-host.js';
import type { HostService } from '../host/host.service.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import {
  JOURNEY_RETRACT_STEP,
  RECOVERY_RETRACT_STEP,
  retractCounted,
} from '../journeys/recovery-retract-counts.js';
import { STAFF_VERDICT_STEP } from '../journeys/staff-settlement-rules.js';
import {
  journalSettledByHost,
  noteHostEndedBeforeVerdictActs,
  SETTLED_BY_HOST_STEP,
  settledAtHost,
} from '../journeys/withdrawal-settled-by-host.js';
import type { StepMarkEnds } from '../journal/transactions-with-step.js';
import { withdrawalsCountedLeft } from '../telemetry/fleet/withdrawals-left-to-fleet.js';

export interface SettledByHostDeps {
  readonly journal: JournalService;
  readonly host: Pick<HostService, 'withdrawalByKey'>;
  readonly log: { warn(message: string): void; error(message: string): void };
  /** the dispenser as recovery holds it; absent: the notes at the slot are not looked at */
  readonly devices?: { readonly cashDispenser: CashDispenserPort };
  /** each serial journaled in its settlement hand (shared with staff's verdicts); absent: none other settles */
  readonly inHand?: <T>(serial: string, settle: () => Promise<T>) => Promise<T>;
  /** told the notes may be at the slot, the dispenser silent (its fault): retracted once it answers */
  readonly notesWaitForTheDispenser?: (serial: string, code: string) => void;
}

/** The dispenser's faults when it did not answer (or refused as busy): nothing moved, it is waited for. */
const DISPENSER_SILENT: ReadonlySet<string> = new Set<string>([
  ErrorCode.DEVICE_OFFLINE,
  ErrorCode.DEVICE_TIMEOUT,
  ErrorCode.DEVICE_BUSY,
]);

/**
 * What ends a verdict's wait for the host's word: an act of it done after it, or the host's word
 * journaled. A verdict the host never answered whose session had ended (closed, still held) was
 * carried through by the sweep while the host held it; once the hold expired or the back office
 * released it, nothing asked again, and the journal kept a verdict ("paid") with no word that the
 * host settled the hold otherwise (`verdict-then-hold-ended-by-host, closed`).
 */
const VERDICT_ACTED: StepMarkEnds = {
  after: ['recovery.withdrawal.confirm', 'recovery.withdrawal.reverse'],
  phase: 'done',
  anywhere: [SETTLED_BY_HOST_STEP],
};

/** Returns the serials journaled settled by the host (left for staff no more). `leaveAlone`: held, or settled in the background. */
export async function endLeftSettledByHost(
  deps: SettledByHostDeps,
  leaveAlone: (serial: string) => boolean,
  boot?: BootHost,
): Promise<string[]> {
  if (boot?.away) return [];
  const { journal } = deps;
  const inHand = deps.inHand ?? ((_serial, settle) => settle());
  const open = await journal.openTransactions();
  const openIds = new Set(open.map((t) => t.id));
  const left = await withdrawalsCountedLeft(journal, open);
  // and the verdicts none of whose acts was journaled (the host did not answer), their sessions ended
  const verdicts = await journal.transactionsWithStepUnended('withdraw', [STAFF_VERDICT_STEP], VERDICT_ACTED);
  const ended: string[] = [];
  for (const serial of new Set([...left, ...verdicts])) {
    if (openIds.has(serial) || leaveAlone(serial)) continue;
    try {
      const view = await deps.host.withdrawalByKey(serial);
      if (!settledAtHost(view)) continue;
      // in its settlement hand, read anew: a staff verdict given meanwhile stands
      const journaled = await inHand(serial, async () => {
        const steps = await journal.stepsOf(serial);
        if (steps.some((s) => s.step === SETTLED_BY_HOST_STEP)) return false;
        // the host's word beside a verdict none of whose acts was journaled (it stands, nothing sent)
        if (steps.some((s) => s.step === STAFF_VERDICT_STEP))
          return noteHostEndedBeforeVerdictActs(journal, serial, steps, view).then(() => false);
        await journalSettledByHost(journal, serial, view);
        return true;
      });
      if (journaled) ended.push(serial);
    } catch (e) {
      // the journal refusing its step stops recovery as any of its writes does
      if (KioskError.from(e).code.startsWith('JOURNAL_')) throw e;
      deps.log.warn(`recovery: the host's hold of ${serial} not read: ${KioskError.from(e).code}`);
      noteHostSilence(boot, e);
      if (boot?.away) break;
    }
  }
  return ended;
}

/**
 * The notes in the presenter, the dispenser answering, when the withdrawal that put them there (the
 * last dispense journaled) has the host's word that it ended the hold itself and no retract done
 * nor take since its dispense: retracted into the bin under its serial, counted once, in its
 * settlement hand. A retract that fails leaves them (journaled failed, logged): the presenter's
 * watch holds withdrawals back as before. The dispenser silent (or its retract unanswered), they are
 * told to wait for it (`notesWaitForTheDispenser`): retracted so once it answers again
 * (`dispenser-back-turn.ts`). Returns the serial retracted for, if any.
 */
export async function retractNotesOfSettledByHost(deps: SettledByHostDeps): Promise<string | undefined> {
  const dispenser = deps.devices?.cashDispenser;
  // the journal first: a kiosk that never dispensed has no notes of a withdrawal at the slot
  const dispense = dispenser && (await deps.journal.lastStepNamed('cash.dispense'));
  if (!dispense) return;
  const serial = dispense.transactionId;
  if (!isUsable(dispenser.status())) {
    // what its presenter holds is read once it answers again, if the journal says they may be there
    if (notesMayBeAtSlot(await deps.journal.stepsOf(serial)))
      deps.notesWaitForTheDispenser?.(serial, ErrorCode.DEVICE_OFFLINE);
    return;
  }
  if (dispenser.presenter().state === 'empty') return;
  const inHand = deps.inHand ?? ((_serial, settle) => settle());
  return inHand(serial, async () => {
    // read anew in the hand: a verdict refused meanwhile retracted them
    if (dispenser.presenter().state === 'empty') return undefined;
    const steps = await deps.journal.stepsOf(serial);
    if (!notesMayBeAtSlot(steps)) return undefined;
    try {
      await retractCounted(deps.journal, dispenser, serial, steps);
      return serial;
    } catch (e) {
      const { code } = KioskError.from(e);
      if (code.startsWith('JOURNAL_')) throw e;
      const silent = DISPENSER_SILENT.has(code);
      deps.log.error(
        `recovery: the notes left at the slot by ${serial} (its hold ended by the host) not retracted: ${code}${silent ? ', retracted once the dispenser answers' : ''}`,
      );
      if (silent) deps.notesWaitForTheDispenser?.(serial, code);
      return undefined;
    }
  });
}

/** The host's word that it ended the hold, and neither a take nor a retract done since the last dispense. */
function notesMayBeAtSlot(steps: readonly JournaledStep[]): boolean {
  const since = steps.slice(steps.findLastIndex((s) => s.step === 'cash.dispense'));
  const gone = since.some(
    (s) =>
      s.step === 'cash.taken' ||
      (s.phase === 'done' && (s.step === JOURNEY_RETRACT_STEP || s.step === RECOVERY_RETRACT_STEP)),
  );
  return !gone && steps.some((s) => s.step === SETTLED_BY_HOST_STEP);
}
