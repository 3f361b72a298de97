/**
 * The fleet side of the specs of withdrawals left for staff in service
 * (withdrawal-left-for-staff-in-service-told-to-fleet, journey-left-for-reconciliation-in-service-not-told):
 * a kiosk's reporter in service on the test fleet of each test (`staffAlertFleet`), on a withdrawal
 * world's journal and dispenser, what it sent, and what the monitor raised and stored.
 */
import { expect } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { CashDispenserEmulator } from '@kiosk/device-drivers';
import type { JournalService } from '../../journal/journal.service.js';
import type { SessionRecoveryService } from '../../sessions/session-recovery.service.js';
import type { StaffAlertFleet } from '../mqtt/staff-alerts.spec-support.js';
import type { QueuedEvent } from '../mqtt/telemetry-queue.js';
import { reporterOn } from './fleet-reporter.spec-support.js';
import { withdrawalLeftEventId } from './withdrawals-left-to-fleet.js';

export const KIOSK = 'JZ-0001';
/** the event of a withdrawal left for staff */
export const LEFT = { type: 'recoveryNeedsStaff', code: ErrorCode.WITHDRAWAL_UNDECIDED } as const;
/** the monitor's one alert of the withdrawals left at a kiosk, as `alerts` names it */
export const WITHDRAWAL_ALERT = `recoveryNeedsStaff:withdrawalsLeft:${ErrorCode.WITHDRAWAL_UNDECIDED}`;

export function withdrawalFleet(world: StaffAlertFleet) {
  const alerts = async () =>
    (await world.fleet.store.activeAlerts()).map((a) => `${a.kind}:${a.key}:${a.code}`).sort();
  return {
    /**
     * A running kiosk's reporter, in service: its session ends and field staff's acts are the spec's
     * to tell. `told()`: the staff alerts the reporter queued on its publisher, as it told them; not
     * the broker's PUBACKs (`sent`), which come again for one event whenever the link sends it again
     * (at least once: an event queued before the connection's subscriptions were answered goes again
     * once they are, a reconnect, an ack timeout), the monitor storing it once.
     */
    inService(
      w: { readonly journal: JournalService; readonly dispenser: CashDispenserEmulator },
      recovery?: SessionRecoveryService,
    ) {
      const publisher = world.kiosk();
      const told: QueuedEvent[] = [];
      const publishEvent = publisher.publishEvent.bind(publisher);
      publisher.publishEvent = (event, id) => {
        const queued = publishEvent(event, id);
        told.push(queued);
        return queued;
      };
      const stored: QueuedEvent[] = [];
      publisher.on('delivered', (event) => stored.push(event));
      const kiosk = reporterOn({
        publisher,
        journal: w.journal,
        statuses: () => [w.dispenser.status()],
        recovery,
      });
      return {
        ...kiosk,
        told: () => told.filter((e) => e.type === 'recoveryNeedsStaff'),
        /** the staff alerts a monitor acknowledged from this kiosk: it stored them (or had them) */
        stored: () => stored.filter((e) => e.type === 'recoveryNeedsStaff'),
      };
    },
    /** the monitor's active alerts, `kind:key:code`, sorted */
    alerts,
    /** Waits for `kiosk` to tell the withdrawal `tx`, once and under its id, and the monitor to raise its alert. */
    async toldAndRaised(kiosk: { told(): QueuedEvent[] }, tx: string): Promise<void> {
      await eventually(kiosk.told, 'the withdrawal told', { withinMs: 10_000, until: (t) => t.length > 0 });
      expect(kiosk.told()).toEqual([
        expect.objectContaining({ ...LEFT, id: withdrawalLeftEventId(KIOSK, tx) }),
      ]);
      await eventually(alerts, 'the alert raised', {
        withinMs: 10_000,
        until: (a) => a.includes(WITHDRAWAL_ALERT),
      });
    },
    /** the `recoveryNeedsStaff` events the monitor stored of the kiosk */
    storedLeft: async () =>
      (await world.fleet.store.recentEvents(KIOSK, 100)).filter((e) => e.type === 'recoveryNeedsStaff'),
    /** the kiosk's status as the monitor stored it */
    statusOf: async () => (await world.fleet.store.kiosk(KIOSK))?.status,
  };
}
