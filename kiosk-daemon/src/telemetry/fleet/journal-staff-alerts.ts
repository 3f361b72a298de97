/**
 * The staff alerts the kiosk derives from its journal, read in one place (ADR 0004, "Staff alerts
 * kept until stored"): the fleet reporter reads them once per trigger (at start and each time the
 * kiosk leaves boot recovery or a later self test, at each session's end, after each thing field
 * staff do, when the late sweep of held withdrawals leaves some or a late settlement settles some),
 * tells each alert not told yet in this start, and lists in the retained status what stands, so the
 * fleet's alerts follow the journal whatever events were lost. Each alert carries an id from what
 * the journal names it by (`staffAlertEventId`), the same at every read and every start: told
 * again after a restart it is queued once and stored once.
 * - A staff supply act left for staff (ADR 0022): `recoveryNeedsStaff` MAINTENANCE_SUPPLY_UNSETTLED
 *   with its device and supply (its visit, device and supply name it), listed as `supplyActsLeft`;
 *   staff's answer (that supply's refill or bin emptying) resolves it at the fleet.
 * - A withdrawal left for staff or ended undecided by its journey (`withdrawals-left-to-fleet.ts`):
 *   `recoveryNeedsStaff` WITHDRAWAL_UNDECIDED (its transaction names it), counted as
 *   `withdrawalsLeft`; resolved once recovery or the supervisor settled them all.
 * - A withdrawal staff counted paid above the host's hold (`paid-above-hold.ts`): an `anomaly`
 *   WITHDRAWAL_PAID_ABOVE_HOLD on the cash dispenser (its transaction names it), once per
 *   withdrawal: only the hold was charged, the difference is the back office's to reconcile with
 *   the kiosk's journal. The code alone: no serial, amount, card number or name.
 * - An activation cut while the chip wrote its new PIN (`card.pinWriteCut`: the card pulled, the
 *   reader lost, or a restart, `new-pin-writes.ts`, `activation-cut-at-boot.ts`): an `anomaly`
 *   ACTIVATION_UNFINISHED on the card reader (its transaction names it), once per activation: the
 *   chip may hold a PIN the host never heard of, the card held as new until the holder's reset;
 *   cuts that come often at one kiosk point at its reader, or at cards pulled on purpose. The code
 *   alone, as above.
 * Each road read on its own: one the journal cannot answer now is left as last read (undefined),
 * the others told all the same.
 */
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError, type DeviceKind } from '@kiosk/domain';
import type { JournalService } from '../../journal/journal.service.js';
import { PIN_WRITE_CUT } from '../../journeys/new-pin-writes.js';
import { PAID_ABOVE_HOLD_STEP } from '../../journeys/paid-above-hold.js';
import { undecidedSupplyActs } from '../../maintenance/supply-act-recovery.js';
import type { FleetPublisher, KioskEventInput } from '../mqtt/fleet-publisher.js';
import { staffAlertEventId } from './staff-alert-id.js';
import { withdrawalLeftEventId, withdrawalsCountedLeft } from './withdrawals-left-to-fleet.js';

/** A supply act left for staff, as the status lists it. */
export interface SupplyActLeft {
  readonly device: DeviceKind;
  readonly supply: string;
}

/** A mark nothing ends: told at every start until the journal's retention removes its transaction. */
const NEVER_ENDED = { after: [], phase: 'done', anywhere: [] } as const;

/** One alert derived from the journal, under its id. */
interface StaffAlert {
  readonly id: string;
  readonly event: KioskEventInput;
}

/** What one read found: each road undefined when the journal could not say (as last read). */
export interface StaffAlertsRead {
  readonly supplyActsLeft?: readonly SupplyActLeft[];
  /** the withdrawals left for staff or ended undecided, by serial */
  readonly withdrawalsLeft?: readonly string[];
  readonly alerts: readonly StaffAlert[];
}

export class JournalStaffAlerts {
  private readonly log = new Logger('Fleet');
  /** the ids told in this start */
  private readonly told = new Set<string>();

  constructor(
    private readonly publisher: Pick<FleetPublisher, 'publishEvent' | 'kioskId'>,
    private readonly journal: JournalService,
  ) {}

  /** Reads every road once; the open transactions once for the two that look at them. */
  async read(): Promise<StaffAlertsRead> {
    const journal = this.journal;
    let open: ReturnType<JournalService['openTransactions']> | undefined;
    const once = {
      openTransactions: () => (open ??= journal.openTransactions()),
      stepsOf: (transactionId: string) => journal.stepsOf(transactionId),
    };
    const acts = await this.attempt('supply acts left for staff', () => undecidedSupplyActs(once));
    const withdrawals = await this.attempt('withdrawals left for staff', async () =>
      withdrawalsCountedLeft(journal, await once.openTransactions()),
    );
    const paidAboveHold = await this.attempt('withdrawals paid above the hold', () =>
      journal.transactionsWithStepUnended('withdraw', [PAID_ABOVE_HOLD_STEP], NEVER_ENDED),
    );
    const pinWritesCut = await this.attempt('activations cut mid PIN write', () =>
      journal.transactionsWithStepUnended('activatePin', [PIN_WRITE_CUT], NEVER_ENDED),
    );
    const kioskId = this.publisher.kioskId;
    const left = (acts ?? []).map(({ transactionId, act }) => ({
      transactionId,
      device: act.intent.device as DeviceKind,
      supply: act.intent.supply,
    }));
    const alerts: StaffAlert[] = left.map(({ transactionId, device, supply }) => ({
      id: staffAlertEventId('supplyActLeft', kioskId, `${transactionId}|${device}|${supply}`),
      event: { type: 'recoveryNeedsStaff', code: ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED, device, supply },
    }));
    for (const transactionId of withdrawals ?? [])
      alerts.push({
        id: withdrawalLeftEventId(kioskId, transactionId),
        event: { type: 'recoveryNeedsStaff', code: ErrorCode.WITHDRAWAL_UNDECIDED },
      });
    for (const transactionId of paidAboveHold ?? [])
      alerts.push({
        id: staffAlertEventId('paidAboveHold', kioskId, transactionId),
        event: { type: 'anomaly', code: ErrorCode.WITHDRAWAL_PAID_ABOVE_HOLD, device: 'cashDispenser' },
      });
    for (const transactionId of pinWritesCut ?? [])
      alerts.push({
        id: staffAlertEventId('pinWriteCut', kioskId, transactionId),
        event: { type: 'anomaly', code: ErrorCode.ACTIVATION_UNFINISHED, device: 'cardReader' },
      });
    return {
      ...(acts && { supplyActsLeft: left.map(({ device, supply }) => ({ device, supply })) }),
      ...(withdrawals && { withdrawalsLeft: withdrawals }),
      alerts,
    };
  }

  /** Tells each alert `read` found not told yet in this start. */
  tell(read: StaffAlertsRead): void {
    for (const { id, event } of read.alerts) {
      if (this.told.has(id)) continue;
      this.told.add(id);
      this.publisher.publishEvent(event, id);
    }
  }

  private async attempt<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      this.log.warn(`${what} not read from the journal: ${KioskError.from(e).code}`);
      return undefined;
    }
  }
}
