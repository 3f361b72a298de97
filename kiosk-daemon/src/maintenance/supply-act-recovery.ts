/**
 * Field staff's refill or bin emptying cut off by a restart (ADR 0022), finished from the visit's
 * journaled steps (`supply-act-steps.ts`):
 *
 * - At boot (`recoverSupplyActsAtBoot`, from boot recovery of the open visit): an act whose device
 *   acted (its `done`, or a `failed` with its entry) gets the journal's count and its
 *   `maintenance_supply` entry, each once. An act without outcome on a supply the device counts
 *   itself is decided by the device's count now against the one its intent carries: moved as the
 *   act said → done (`recovered`), the count and the entry once; not moved → failed
 *   (SESSION_INTERRUPTED, `notMoved`). Anything else (a supply only the journal or staff count, a
 *   count moved by another number) nothing at the kiosk can tell: it is left for the next staff
 *   visit (`recovery.needsStaff`, `supplyActUndecided`) and its visit stays open, the kiosk in
 *   service; nothing is guessed.
 * - Staff say whether it was done (`settleSupplyActByStaff`): the verdict journaled first
 *   (`recovery.staffVerdict`, with the journal's count it makes), then the count, the entry (its
 *   quantity what was done: 0 when not), the act's outcome, the visit closed. A restart within is
 *   carried through at boot as given.
 */
import { countOf } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type SupplyActVerdict } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import { STAFF_VERDICT_STEP } from '../journeys/staff-settlement-rules.js';
import type { ReplenishableDevice } from './maintenance-supplies.service.js';
import { appendActOnce, recordActCounts } from './supply-act-counts.js';
import {
  cassettesOfText,
  cassettesText,
  logsEntry,
  supplyActsOf,
  type SupplyActIntent,
  type SupplyActOfSteps,
} from './supply-act-steps.js';
import {
  actsLeftForStaff,
  closeWithItsLastAct,
  leaveActForStaff,
  questionOf,
} from './supply-act-left-for-staff.js';
import { namedAct, notLeftForStaff, outcomeOf, type SupplyActNamed } from './supply-act-named.js';
import { supplyCounts } from './supply-reconciliation.js';
import { countMovedBeforeLeaving, countsMovedBeforeFault } from './test-dispense.js';

export interface SupplyActDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
}

const deviceCount = (devices: DevicesService, intent: SupplyActIntent): number | null =>
  countOf(devices[intent.device as ReplenishableDevice].status().supplies, intent.supply);

/** What the device's count now says of an act it counts: moved as the act said, not moved, or neither. */
function movedByDevice(intent: SupplyActIntent, now: number | null): 'moved' | 'notMoved' | undefined {
  const before = intent.deviceBefore;
  if (now === null || before === null) return undefined;
  const said =
    intent.step === 'maintenance.emptyBin' ? 0 : intent.replaces ? intent.quantity : before + intent.quantity;
  if (now === said) return 'moved';
  return now === before ? 'notMoved' : undefined;
}

/** Staff's verdict journaled for this act (the last one naming its supply), with the count it makes. */
function verdictFor(steps: readonly JournaledStep[], intent: SupplyActIntent): JournaledStep | undefined {
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

/** The count and the entry of an act whose outcome has them, each once. */
async function finishLogged(
  deps: SupplyActDeps,
  transactionId: string,
  act: SupplyActOfSteps,
): Promise<void> {
  const { intent, outcome } = act;
  const verdict = stepDetail(outcome)['byStaff'] === true;
  if (!verdict) await recordActCounts(deps.journal, deps.devices, intent, intent, true);
  const deviceBefore = detailCount(outcome, 'deviceBefore') ?? null;
  const deviceAfter = detailCount(outcome, 'deviceAfter') ?? null;
  const quantity = detailCount(outcome, 'quantity') ?? intent.quantity;
  await appendActOnce(deps.journal.supplyLog, transactionId, act, { quantity, deviceBefore, deviceAfter });
}

/** Staff's verdict carried out: the count it makes, the entry, the act's outcome (once each). */
async function carryOutVerdict(
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
 * Boot recovery of the supply acts of an open visit (`steps` as read before recovery acted). True
 * when one is left for staff: the visit stays open, listed for the next staff visit.
 */
export async function recoverSupplyActsAtBoot(
  deps: SupplyActDeps,
  transactionId: string,
  steps: readonly JournaledStep[],
): Promise<boolean> {
  const { journal } = deps;
  let leftForStaff = false;
  for (const act of supplyActsOf(steps)) {
    const { intent, outcome } = act;
    if (outcome) {
      if (logsEntry(outcome)) await finishLogged(deps, transactionId, act);
      // a test dispense failed part-way: the notes it moved before the fault, counted once
      const moved = countsMovedBeforeFault(intent, outcome);
      if (moved) await recordActCounts(journal, deps.devices, intent, moved, true);
      continue;
    }
    await countMovedBeforeLeaving(deps, steps, intent);
    const verdict = verdictFor(steps, intent);
    if (verdict) {
      await carryOutVerdict(deps, transactionId, act, verdict, questionOf(steps, intent).quantity);
      continue;
    }
    const now = intent.countedBy === 'device' ? deviceCount(deps.devices, intent) : null;
    const moved = intent.countedBy === 'device' ? movedByDevice(intent, now) : undefined;
    if (moved === 'moved') {
      const detail = {
        ...outcomeOf(intent),
        recovered: true,
        deviceBefore: intent.deviceBefore,
        deviceAfter: now,
      };
      await journal.recordStep(transactionId, intent.step, 'done', detail);
      await recordActCounts(journal, deps.devices, intent, intent, true);
      await appendActOnce(deps.journal.supplyLog, transactionId, act, {
        quantity: intent.quantity,
        deviceBefore: intent.deviceBefore,
        deviceAfter: now,
      });
    } else if (moved === 'notMoved') {
      await journal.recordStep(transactionId, intent.step, 'failed', {
        ...outcomeOf(intent),
        code: ErrorCode.SESSION_INTERRUPTED,
        reason: 'notMoved',
        recovered: true,
        deviceAfter: now,
      });
    } else {
      leftForStaff = true;
      await leaveActForStaff(deps, transactionId, steps, intent, { deviceNow: now });
    }
  }
  return leftForStaff;
}

/** A supply act left for staff: its visit and the act. */
export interface UndecidedSupplyAct {
  readonly transactionId: string;
  readonly startedAt: string;
  readonly act: SupplyActOfSteps;
  readonly steps: readonly JournaledStep[];
}

/** Every supply act left for staff, oldest first. */
export async function undecidedSupplyActs(
  journal: Pick<JournalService, 'openTransactions' | 'stepsOf'>,
): Promise<UndecidedSupplyAct[]> {
  const out: UndecidedSupplyAct[] = [];
  for (const tx of await journal.openTransactions()) {
    if (tx.journey !== 'maintenance') continue;
    const steps = await journal.stepsOf(tx.id);
    // each act left has its own record: one still running beside it is not left (its bound not reached)
    for (const act of actsLeftForStaff(steps))
      out.push({ transactionId: tx.id, startedAt: tx.startedAt, act, steps });
  }
  return out;
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
