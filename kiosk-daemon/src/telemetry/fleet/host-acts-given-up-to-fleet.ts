/**
 * Tells the fleet of every host act the journal's retention gave up (ADR 0025): an `anomaly` event
 * with HOST_ACT_ABANDONED, one per act, so the fleet raises an alert per act for staff to settle it
 * with the host (a release or reversal given up may leave money held there). The journal gives
 * them up at its boot, before this link starts: those are told first, then any given up later.
 * Each is told from the journal: the journal records it told only once a monitor stored its alert
 * (the publisher's `delivered`, `given-up-told.ts`), and its transaction goes then
 * (`given-up-alerted.ts`), not at the next boot. One not yet stored at a restart (the broker away,
 * the queue full) is told again at the next boot under the same event id (`givenUpEventId`): the
 * queue does not hold it twice, the monitor stores it once, so a long outage neither loses the
 * alert nor raises it twice.
 * The event speaks in its code alone: no transaction, no card number, no name (the kiosk's log
 * names the transaction and the act for staff).
 */
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import type { GivenUpAct } from '../../journal/given-up-act.js';
import { givenUpKey } from '../../journal/given-up-told.js';
import { JournalService } from '../../journal/journal.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';
import { staffAlertEventId } from './staff-alert-id.js';

/**
 * The alert's event id, the same at every boot that tells the act (from the kiosk and the act: its
 * transaction, step and attempt; `staffAlertEventId`).
 */
export function givenUpEventId(kioskId: string, act: GivenUpAct): string {
  return staffAlertEventId('hostActGivenUp', kioskId, givenUpKey(act));
}

@Injectable()
export class HostActsGivenUpToFleet implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop: (() => void) | undefined;
  private journaled = Promise.resolve();
  private removed = Promise.resolve();
  /** the alerts queued and not yet stored by a monitor, by event id */
  private readonly alerts = new Map<string, GivenUpAct>();

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly journal: JournalService,
  ) {}

  onApplicationBootstrap(): void {
    const stopTelling = this.journal.givenUp.onGivenUp((act) => {
      const id = givenUpEventId(this.publisher.kioskId, act);
      this.alerts.set(id, act);
      this.publisher.publishEvent({ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED }, id);
    });
    // a monitor stored the alert: the journal records it told (no boot tells it again), and its
    // transaction goes now, not at the next boot's retention
    const delivered = (event: { readonly id: string }) => {
      const act = this.alerts.get(event.id);
      if (!act) return;
      this.alerts.delete(event.id);
      this.journaled = this.journaled.then(() => this.journal.givenUp.told(act));
      const journaled = this.journaled;
      this.removed = this.removed.then(() => journaled).then(() => this.journal.givenUp.alerted(act));
    };
    this.publisher.on('delivered', delivered);
    this.stop = () => {
      stopTelling();
      this.publisher.off('delivered', delivered);
    };
  }

  /** Resolves once every act a monitor stored so far is journaled told (`told` logs its own failure). */
  whenJournaled(): Promise<void> {
    return this.journaled;
  }

  /** Resolves once every transaction whose alert a monitor stored so far is removed (or left, logged). */
  whenRemoved(): Promise<void> {
    return this.removed;
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
