/**
 * The withdrawals recovery left for staff, as the supervisor's screen shows them: the amount the
 * resident asked for (what the supervisor counts the cash for), whose card (masked only), the step
 * the kiosk stopped at, a verdict already given whose answer the host did not give, and the cash
 * dispenser's counts (per cassette, reject and retract bins: now, before the withdrawal and as the
 * journal last recorded them) to count the cash against. After a crash boot reconcile records the
 * counts now as the journal's latest, so "before" is read from the withdrawal's own journal: the
 * counts its dispense intent carries, else the last counters record before that intent (by the
 * record it names; an older intent: by its time) or by its last step. Reading never
 * fails the view: personal data that does not open reads as null, and so does an amount or a
 * counters record that does not read.
 */
import { countOf, type CashDispenserPort } from '@kiosk/device-drivers';
import { maskCardNumber, maskName, type PendingWithdrawalSettlement } from '@kiosk/domain';
import type { DeviceCounters } from '../journal/device-counters.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { PersonalData } from '../journal/journal-personal-data.js';
import {
  Count,
  detailCount,
  detailField,
  detailText,
  stepDetail,
  type JournaledStep,
} from '../journal/step-detail.js';
import { CASH_LEFT_IN_PRESENTER } from '../journeys/withdrawal-retract.js';
import { parseCounts } from '../journeys/withdrawal-recovery.js';
import { presentedFenOf, shortRetractOf } from '../journeys/retracted-notes.js';
import {
  closedWithdrawalLeftForStaff,
  withdrawalVerdictGiven,
} from '../journeys/withdrawal-staff-settlement.js';
import { leftForStaff } from './left-for-staff.js';

/** The steps that journal the amount asked for, the first found wins. */
const AMOUNT_STEPS = ['withdrawal.authorise', 'withdrawal.authorised', 'cash.dispense'];

type CashCounters = PendingWithdrawalSettlement['counters'];

/** The dispenser's counts now and the journal's last record of them, shared by every withdrawal. */
interface CountsNow {
  readonly cassettes: readonly { id: string; denominationFen: number; count: number | null }[];
  readonly rejectBin: number | null;
  readonly retractBin: number | null;
  readonly recorded: DeviceCounters | undefined;
}

async function countsNow(journal: JournalService, dispenser: CashDispenserPort): Promise<CountsNow> {
  // a record that does not read is left out by latestCounters: the journal's side unknown, the dispenser's still shown
  const latest = await journal.counters.latestCounters();
  const supplies = dispenser.status().supplies;
  return {
    cassettes: dispenser
      .cassettes()
      .map((c) => ({ id: c.id, denominationFen: c.denominationFen, count: c.count })),
    rejectBin: countOf(supplies, 'rejectBin'),
    retractBin: countOf(supplies, 'retractBin'),
    recorded: latest.cashDispenser?.counters,
  };
}

/** What the dispenser held before the withdrawal: each cassette, the reject and retract bins. */
interface CountsBefore {
  readonly cassettes: Readonly<Record<string, number>>;
  readonly rejectBin: number | null;
  readonly retractBin: number | null;
  readonly recorded: DeviceCounters | undefined;
}

/**
 * The counts the dispense intent carries (taken from the dispenser as the notes were about to move),
 * filled in from the last counters record before that intent: up to the record the intent names
 * (`countersRecordBefore`, read just before it was journaled), so a record written as the notes
 * moved is never "before" even in the intent's millisecond. An intent an older daemon journaled
 * names none: the last record at or before its time (no intent journaled: the journey's last step).
 * A record or a detail that does not read leaves its counts null.
 */
async function countsBefore(journal: JournalService, journey: readonly (JournaledStep & { at: string })[]) {
  const intent = journey.find((s) => s.step === 'cash.dispense' && s.phase === 'intent');
  const by = intent ?? journey.at(-1);
  const mark = detailField(intent, 'countersRecordBefore', Count);
  const read = (): Promise<DeviceCounters | 'unreadable' | undefined> => {
    if (mark.read === 'value') return journal.counters.countersUpTo('cashDispenser', mark.value);
    if (mark.read === 'unknown') return Promise.resolve('unreadable');
    return by ? journal.counters.countersAtOrBefore('cashDispenser', by.at) : Promise.resolve(undefined);
  };
  const record = await read().catch(() => 'unreadable' as const);
  const recorded = typeof record === 'object' ? record : undefined;
  const atIntent = parseCounts(stepDetail(intent)['cassettesBefore']);
  const cassettes: Record<string, number> = {};
  for (const c of recorded?.cassettes ?? []) cassettes[c.cassette] = c.notes;
  Object.assign(cassettes, atIntent);
  return {
    cassettes,
    rejectBin: recorded?.rejectBin ?? null,
    retractBin: detailCount(intent, 'retractBinBefore') ?? recorded?.retractBin ?? null,
    recorded,
  } satisfies CountsBefore;
}

/** The dispenser's counts now beside what it held before the withdrawal and the journal's last record. */
function cashCounters(now: CountsNow, before: CountsBefore): CashCounters {
  const recorded = now.recorded;
  const cassettes: CashCounters['cassettes'][number][] = now.cassettes.map((c) => ({
    cassette: c.id,
    denominationFen: c.denominationFen,
    device: c.count,
    before: before.cassettes[c.id] ?? null,
    journal: recorded?.cassettes?.find((r) => r.cassette === c.id)?.notes ?? null,
  }));
  // cassettes the dispenser no longer reports: journaled last, or held before the withdrawal
  const denominations = [...(recorded?.cassettes ?? []), ...(before.recorded?.cassettes ?? [])];
  const others = [...(recorded?.cassettes ?? []).map((r) => r.cassette), ...Object.keys(before.cassettes)];
  for (const id of others) {
    if (cassettes.some((c) => c.cassette === id)) continue;
    cassettes.push({
      cassette: id,
      denominationFen: denominations.find((r) => r.cassette === id)?.denominationFen ?? null,
      device: null,
      before: before.cassettes[id] ?? null,
      journal: recorded?.cassettes?.find((r) => r.cassette === id)?.notes ?? null,
    });
  }
  return {
    cassettes,
    rejectBinDevice: now.rejectBin,
    rejectBinBefore: before.rejectBin,
    rejectBinJournal: recorded?.rejectBin ?? null,
    retractBinDevice: now.retractBin,
    retractBinBefore: before.retractBin,
    retractBinJournal: recorded?.retractBin ?? null,
  };
}

/**
 * Open withdrawals left for staff (`recovery.needsStaff`), oldest first; then, when `heldAtHost`
 * is given (the serials the host still holds money for), the closed ones still left for staff
 * (`closedWithdrawalLeftForStaff`: the sweep of held withdrawals could not decide one whose session
 * had ended, or its notes were left in the presenter by a failed retract), by serial. A host that
 * cannot list them now leaves them out (shown once it answers), never fails the view.
 */
export async function pendingWithdrawals(
  journal: JournalService,
  dispenser: CashDispenserPort,
  heldAtHost?: () => Promise<readonly string[]>,
): Promise<PendingWithdrawalSettlement[]> {
  const out: PendingWithdrawalSettlement[] = [];
  let now: CountsNow | undefined;
  const countsNowOnce = async () => (now ??= await countsNow(journal, dispenser));
  const open = await journal.openTransactions();
  for (const tx of open) {
    if (tx.journey !== 'withdraw') continue;
    const entry = await pendingOf(journal, tx.id, tx.startedAt, await journal.stepsOf(tx.id), countsNowOnce);
    if (entry) out.push(entry);
  }
  if (!heldAtHost) return out;
  const openIds = new Set(open.map((t) => t.id));
  const held = await heldAtHost().catch((): readonly string[] => []);
  for (const serial of [...new Set(held)].sort()) {
    if (openIds.has(serial)) continue;
    const steps = await journal.stepsOf(serial);
    if (!closedWithdrawalLeftForStaff(steps)) continue;
    const startedAt = steps[0]?.at;
    if (startedAt === undefined) continue;
    const entry = await pendingOf(journal, serial, startedAt, steps, countsNowOnce);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * The notes that left the slot while nobody watched it, as the journey left them for staff (its
 * retract refused, the dispenser's link down: `cash.leftInPresenter`) or recovery did (gone after
 * retracts refused as busy, or across a restart: `recovery.needsStaff`), with `notesGoneUnseen`;
 * the last such; nothing when neither did.
 */
function goneUnseenOf(steps: readonly JournaledStep[]): Pick<PendingWithdrawalSettlement, 'notesGoneUnseen'> {
  const left = steps.findLast(
    (s) =>
      (s.step === CASH_LEFT_IN_PRESENTER || s.step === 'recovery.needsStaff') &&
      stepDetail(s)['notesGoneUnseen'] === true,
  );
  if (!left) return {};
  return {
    notesGoneUnseen: {
      presentedFen: detailCount(left, 'presentedFen') ?? null,
      lostAt: detailText(left, 'lostAt') ?? null,
      backAt: detailText(left, 'backAt') ?? null,
    },
  };
}

/** A retract short of the notes at the slot, as the list shows it; nothing when none came back short. */
function retractShortOf(steps: readonly JournaledStep[]): Pick<PendingWithdrawalSettlement, 'retractShort'> {
  const short = shortRetractOf(steps);
  if (!short) return {};
  const { atSlotFen, atSlotNotes, retractedFen, notes } = short;
  return {
    retractShort: { atSlotFen, atSlotNotes: atSlotNotes ?? null, retractedFen, notesRetracted: notes },
  };
}

/** One withdrawal as the supervisor's list shows it; undefined when it is not left for staff. */
async function pendingOf(
  journal: JournalService,
  transactionId: string,
  startedAt: string,
  steps: readonly (JournaledStep & { at: string })[],
  countsNowOnce: () => Promise<CountsNow>,
): Promise<PendingWithdrawalSettlement | undefined> {
  const left = leftForStaff(steps);
  if (!left) return undefined;
  const journey = left.journey;
  const amountFen =
    AMOUNT_STEPS.map((name) =>
      detailCount(
        journey.find((s) => s.step === name),
        'amountFen',
      ),
    ).find((fen) => fen !== undefined) ?? null;
  const personal = await journal.personalDataOf(transactionId).catch((): PersonalData => ({}));
  const verdict = withdrawalVerdictGiven(steps);
  return {
    transactionId,
    startedAt,
    ...(typeof verdict === 'object'
      ? { verdict: 'taken', takenFen: verdict.takenFen }
      : { verdict: verdict === 'unreadable' ? null : (verdict ?? null) }),
    amountFen,
    presentedFen: presentedFenOf(steps),
    card: personal.cardNumber ? maskCardNumber(personal.cardNumber) : null,
    name: personal.residentName ? maskName(personal.residentName) : null,
    stoppedAt: left.stoppedAt,
    ...goneUnseenOf(steps),
    ...retractShortOf(steps),
    counters: cashCounters(await countsNowOnce(), await countsBefore(journal, journey)),
  };
}
