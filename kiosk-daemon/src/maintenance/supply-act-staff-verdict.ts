/**
 * Staff's word on a supply act left for them (ADR 0022: a refill or bin emptying cut off by a
 * restart, a test dispense whose note's move is not known): done (loaded, emptied) or not, the
 * verdict journaled first (`recovery.staffVerdict`, with the journal's count it makes), then the
 * count, the entry (its quantity what was done: 0 when not), the act's outcome, the visit closed
 * (`settleSupplyActByStaff`). A restart within is carried through at boot as given
 * (`carryOutVerdict`, from `supply-act-recovery.ts`).
 */
import { ErrorCode, KioskError, type SupplyActVerdict } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText, type JournaledStep } from '../journal/step-detail.js';
import { STAFF_VERDICT_STEP } from '../journeys/staff-settlement-rules.js';
import { appendActOnce, recordActCounts } from './supply-act-counts.js';
import { actsLeftForStaff, closeWithItsLastAct, questionOf } from './supply-act-left-for-staff.js';
import { namedAct, notLeftForStaff, outcomeOf, type SupplyActNamed } from './supply-act-named.js';
import {
  cassettesOfText,
  cassettesText,
  type SupplyActIntent,
  type SupplyActOfSteps,
} from './supply-act-steps.js';
import { supplyCounts } from './supply-reconciliation.js';

export interface SupplyActDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
}

/** Staff's verdict journaled for this act (the last one naming its supply), with the count it makes. */
export function verdictFor(
  steps: readonly JournaledStep[],
  intent: SupplyActIntent,
): JournaledStep | undefined {
  return steps.findLast(
    (s) =>
      s.step === STAFF_VERDICT_STEP &&
      detailText(s, 'device') === intent.device &&
      detailText(s, 'supply') === intent.supply &&
      detailText(s, 'act') === intent.step,
  );
}

const verdictOf = (s: JournaledStep | undefined): SupplyActVerdict | undefined => {
  const v = detailText(s, 'verdict');
  return v === 'done' || v === 'notDone' ? v : undefined;
};

/** Staff's verdict carried out: the count it makes, the entry, the act's outcome (once each). */
export async function carryOutVerdict(
  deps: SupplyActDeps,
  transactionId: string,
  act: SupplyActOfSteps,
  verdictStep: JournaledStep,
  asked: number,
): Promise<void> {
  const { journal } = deps;
  const done = verdictOf(verdictStep) === 'done';
  const countsAfter = detailCount(verdictStep, 'countsAfter');
  if (countsAfter !== undefined) {
    await recordActCounts(
      journal,
      deps.devices,
      act.intent,
      {
        journalBefore: detailCount(verdictStep, 'journalNow') ?? null,
        journalAfter: detailCount(verdictStep, 'journalAfter') ?? null,
        countsAfter,
        cassettesBefore: done ? cassettesOfText(detailText(verdictStep, 'cassettesNow')) : null,
      },
      true,
    );
  }
  const quantity = done ? asked : 0;
  await appendActOnce(deps.journal.supplyLog, transactionId, act, {
    quantity,
    deviceBefore: null,
    deviceAfter: null,
  });
  const staffId = detailText(verdictStep, 'staffId') ?? null;
  const detail = {
    ...outcomeOf(act.intent),
    byStaff: true,
    verdict: done ? 'done' : 'notDone',
    staffId,
    quantity,
  };
  if (done) await journal.recordStep(transactionId, act.intent.step, 'done', detail);
  else
    await journal.recordStep(transactionId, act.intent.step, 'failed', {
      ...detail,
      code: ErrorCode.SESSION_INTERRUPTED,
      logged: true,
    });
}

/**
 * The journal's count of a supply now (null: it keeps none), the last record read before it, and
 * for a test dispense the journal's notes now of the cassettes it took from (`cassettesNow` text).
 */
async function journalCountNow(journal: JournalService, intent: SupplyActIntent, from: readonly string[]) {
  const countsAfter = await journal.counters.lastRecord();
  const latest = (await journal.counters.latestCounters())[intent.device];
  const counts = latest ? supplyCounts(latest.counters) : new Map<string, number>();
  const now = counts.get(intent.supply) ?? null;
  const notes = from.map((id) => [id, counts.get(`cassette:${id}`)] as const);
  const cassettesNow =
    from.length > 0 && notes.every(([, n]) => n !== undefined)
      ? cassettesText(Object.fromEntries(notes) as Record<string, number>)
      : null;
  return { countsAfter, now, cassettesNow };
}

/**
 * Staff's word on a supply act left for staff: done (loaded, emptied) or not. Refused
 * SESSION_NOT_FOUND when no such act is left for staff in that visit, MAINTENANCE_ALREADY_SETTLED
 * when a word was given for it already (while that act waits still, the same one is carried
 * through again). The visit's transaction is closed with its last act answered, not before.
 */
export async function settleSupplyActByStaff(
  deps: SupplyActDeps,
  named: SupplyActNamed,
  verdict: SupplyActVerdict,
  staffId: string,
): Promise<{ readonly outcome: SupplyActVerdict; readonly journalCount: number | null }> {
  const { journal } = deps;
  const { transactionId } = named;
  const steps = await journal.stepsOf(transactionId);
  const open = (await journal.openTransactions()).some((t) => t.id === transactionId);
  const act = open ? namedAct(actsLeftForStaff(steps), named) : undefined;
  if (!act) throw notLeftForStaff(steps, named);
  let verdictStep = verdictFor(steps, act.intent);
  // the notes in question (a test dispense left as it ran: those not known moved), else the act's
  const asked = questionOf(steps, act.intent);
  const earlier = verdictOf(verdictStep);
  if (earlier !== undefined && earlier !== verdict) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
      'This supply act was confirmed already; only that answer can be sent again.',
      { transactionId, verdict: earlier },
    );
  }
  if (!verdictStep) {
    // journal first: the word, who gave it and the journal's count it makes
    const { intent } = act;
    const { countsAfter, now, cassettesNow } = await journalCountNow(journal, intent, asked.cassettes);
    const base = now ?? intent.countedByStaff;
    const made =
      base === null
        ? null
        : verdict === 'notDone'
          ? base
          : intent.step === 'maintenance.emptyBin'
            ? // emptied: what the kiosk filed in it since the act (it serves while staff are asked), not 0
              Math.max(0, (now ?? 0) - (intent.journalBefore ?? intent.countedByStaff ?? now ?? 0))
            : intent.replaces
              ? intent.quantity
              : base + asked.quantity;
    const detail = {
      verdict,
      staffId,
      act: intent.step,
      device: intent.device,
      supply: intent.supply,
      journalNow: now,
      ...(intent.countedBy === 'journal' && { journalAfter: made, countsAfter }),
      ...(cassettesNow !== null && { cassettesNow }),
    };
    await journal.recordStep(transactionId, STAFF_VERDICT_STEP, 'event', detail);
    verdictStep = verdictFor(await journal.stepsOf(transactionId), act.intent)!;
  }
  await carryOutVerdict(deps, transactionId, act, verdictStep, asked.quantity);
  // the visit closed with its last act ended; another still waits for staff (or its device) in it
  await closeWithItsLastAct(journal, transactionId);
  const { now } = await journalCountNow(journal, act.intent, []);
  return { outcome: verdict, journalCount: now };
}
