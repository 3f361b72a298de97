/**
 * Field staff's refill or bin emptying cut off by a restart (ADR 0022), finished at boot from the
 * visit's journaled steps (`supply-act-steps.ts`; `recoverSupplyActsAtBoot`, from boot recovery of
 * the open visit): an act whose device acted (its `done`, or a `failed` with its entry) gets the
 * journal's count and its `maintenance_supply` entry, each once. An act without outcome on a supply
 * the device counts itself is decided by the device's count now against the one its intent
 * carries: moved as the act said → done (`recovered`), the count and the entry once; not moved →
 * failed (SESSION_INTERRUPTED, `notMoved`). Anything else (a supply only the journal or staff count,
 * a count moved by another number) nothing at the kiosk can tell: it is left for the next staff
 * visit (`recovery.needsStaff`, `supplyActUndecided`) and its visit stays open, the kiosk in
 * service; nothing is guessed. Staff's word on it, and one given before a restart carried through
 * here: `supply-act-staff-verdict.ts`.
 */
import { countOf } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import type { ReplenishableDevice } from './maintenance-supplies.service.js';
import { appendActOnce, recordActCounts } from './supply-act-counts.js';
import { logsEntry, supplyActsOf, type SupplyActIntent, type SupplyActOfSteps } from './supply-act-steps.js';
import { actsLeftForStaff, leaveActForStaff, questionOf } from './supply-act-left-for-staff.js';
import { outcomeOf } from './supply-act-named.js';
import { carryOutVerdict, verdictFor, type SupplyActDeps } from './supply-act-staff-verdict.js';
import { countMovedBeforeLeaving, countsMovedBeforeFault } from './test-dispense.js';

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
 * The act left for staff that a new act on `supply` of `device` waits for: one of that supply, or a
 * test dispense whose notes in question came out of that cassette (their count waits on the answer
 * too: a cassette counted before that answer would read one note short of the journal's).
 */
export function undecidedActOn(
  acts: readonly UndecidedSupplyAct[],
  device: string,
  supply: string,
): UndecidedSupplyAct | undefined {
  return acts.find(
    ({ act: { intent }, steps }) =>
      intent.device === device &&
      (intent.supply === supply ||
        (intent.step === 'maintenance.testDispense' &&
          questionOf(steps, intent).cassettes.some((id) => `cassette:${id}` === supply))),
  );
}
