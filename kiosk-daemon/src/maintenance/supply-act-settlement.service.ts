/**
 * Field staff's side of a supply act cut off by a restart (`supply-act-staff-verdict.ts`, ADR 0022):
 * the list the staff screen shows, and staff's word on one (done or not), journaled in the visit
 * as `maintenance.settleSupplyAct` (intent, then done or failed with its code), in the supply's
 * turn (`supply-turns.ts`): after any refill or emptying of it handed in before, and before any after.
 * Cash needs a supervisor, as refilling it does.
 */
import { Injectable } from '@nestjs/common';
import { countOf } from '@kiosk/device-drivers';
import { KioskError, type PendingSupplyAct, type SupplyActVerdict } from '@kiosk/domain';
import { DevicesService } from '../devices/devices.service.js';
import { JournalService } from '../journal/journal.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { ReplenishableDevice } from './maintenance-supplies.service.js';
import { ANY_STAFF, MaintenanceService, SUPERVISORS } from './maintenance.service.js';
import { guardStaffAction } from './staff-guard.js';
import { questionOf } from './supply-act-left-for-staff.js';
import { namedAct, type SupplyActNamed } from './supply-act-named.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';
import { settleSupplyActByStaff, type SupplyActDeps } from './supply-act-staff-verdict.js';
import { supplyCounts } from './supply-reconciliation.js';
import { actionOfStep } from './supply-act-steps.js';
import { inSupplyTurn } from './supply-turns.js';

/** The supply acts left for staff as the staff screens show them, oldest first. */
export async function pendingSupplyActs(
  journal: JournalService,
  devices: DevicesService,
): Promise<PendingSupplyAct[]> {
  const latest = await journal.counters.latestCounters();
  return (await undecidedSupplyActs(journal)).map(({ transactionId, startedAt, act, steps }) => {
    const { intent } = act;
    const asked = questionOf(steps, intent);
    const recorded = latest[intent.device];
    const port = devices[intent.device as ReplenishableDevice];
    return {
      transactionId,
      startedAt,
      staffId: intent.staffId,
      device: intent.device,
      supply: intent.supply,
      action: actionOfStep(intent.step),
      // what staff are asked of: the whole act, or the notes of a test dispense not known moved
      quantity: asked.quantity,
      ...(asked.unanswered && { notesInQuestionFrom: asked.cassettes }),
      countedBefore: intent.step === 'maintenance.refill' ? intent.countedByStaff : null,
      journalCount: recorded ? (supplyCounts(recorded.counters).get(intent.supply) ?? null) : null,
      deviceCount: countOf(port.status().supplies, intent.supply),
      supervisorOnly: intent.device === 'cashDispenser',
    };
  });
}

@Injectable()
export class SupplyActSettlementService {
  private readonly deps: SupplyActDeps;

  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
  ) {
    this.deps = { journal, devices };
  }

  /** Every supply act cut off by a restart that staff have not answered, oldest first. */
  async pending(token: string): Promise<PendingSupplyAct[]> {
    this.maintenance.visitOf(token, ANY_STAFF);
    return pendingSupplyActs(this.journal, this.devices);
  }

  /** Staff's word on one: journaled in the visit, then carried out (the count, the entry, the act closed). */
  async settle(
    token: string,
    named: SupplyActNamed,
    verdict: SupplyActVerdict,
  ): Promise<SupplyActNamed & { verdict: SupplyActVerdict; journalCount: number | null }> {
    // logged in first: nothing is read for a request without a visit
    this.maintenance.visitOf(token, ANY_STAFF);
    const { transactionId } = named;
    const inVisit = (await undecidedSupplyActs(this.journal)).filter(
      (u) => u.transactionId === transactionId,
    );
    // the act named (naming none: the only one left; more than one is refused, nothing journaled)
    const act = namedAct(
      inVisit.map((u) => u.act),
      named,
    );
    const cut = inVisit.find((u) => u.act === act);
    const cash = cut?.act.intent.device === 'cashDispenser';
    const { visit, transactionId: visitTx } = guardStaffAction(
      this.maintenance,
      this.sessions,
      token,
      cash ? SUPERVISORS : ANY_STAFF,
    );
    const step = 'maintenance.settleSupplyAct';
    // an act not found has no supply: its refusal is written in a turn of its own
    const [device, supply] = cut ? [cut.act.intent.device, cut.act.intent.supply] : ['', transactionId];
    return inSupplyTurn(this.maintenance, device, supply, async () => {
      await this.journal.recordStep(visitTx, step, 'intent', { ...named, verdict });
      try {
        const settled = await settleSupplyActByStaff(this.deps, named, verdict, visit.staffId);
        await this.journal.recordStep(visitTx, step, 'done', { ...named, verdict });
        if (cut) {
          const { intent } = cut.act;
          this.maintenance.report({
            action: actionOfStep(intent.step),
            staffId: visit.staffId,
            device: intent.device,
            supply: intent.supply,
            count: verdict === 'done' ? questionOf(cut.steps, intent).quantity : 0,
          });
        }
        return { ...named, verdict, journalCount: settled.journalCount };
      } catch (e) {
        await this.journal.recordStep(visitTx, step, 'failed', { code: KioskError.from(e).code });
        throw e;
      }
    });
  }
}
