/**
 * Tells the fleet of every host act the journal's retention gave up (ADR 0025): an `anomaly` event
 * with HOST_ACT_ABANDONED, one per act, so the fleet raises an alert per act for staff to settle it
 * with the host (a release or reversal given up may leave money held there). The journal gives
 * them up at its boot, before this link starts: those are told first, then any given up later.
 * Each is told from the journal: one given up and not told before a crash is told at the next
 * boot, and the journal records each told once queued (`given-up-told.ts`). Once a monitor stored
 * an alert (the publisher's `delivered`), its transaction goes (`given-up-alerted.ts`), not at the
 * next boot.
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
import { JournalService } from '../../journal/journal.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';

@Injectable()
export class HostActsGivenUpToFleet implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop: (() => void) | undefined;
  private journaled = Promise.resolve();
  private removed = Promise.resolve();
  /** the alerts queued and not yet stored by a monitor, by event id: the act and its told step's write */
  private readonly alerts = new Map<string, { act: GivenUpAct; journaled: Promise<void> }>();

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly journal: JournalService,
  ) {}

  onApplicationBootstrap(): void {
    const stopTelling = this.journal.givenUp.onGivenUp((act) => {
      const event = this.publisher.publishEvent({ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED });
      // queued (the queue's file written): the journal records it told, so no boot tells it again
      this.journaled = this.journaled.then(() => this.journal.givenUp.told(act));
      this.alerts.set(event.id, { act, journaled: this.journaled });
    });
    // a monitor stored the alert: its transaction goes now, not at the next boot's retention
    const delivered = (event: { readonly id: string }) => {
      const alert = this.alerts.get(event.id);
      if (!alert) return;
      this.alerts.delete(event.id);
      this.removed = this.removed
        .then(() => alert.journaled)
        .then(() => this.journal.givenUp.alerted(alert.act));
    };
    this.publisher.on('delivered', delivered);
    this.stop = () => {
      stopTelling();
      this.publisher.off('delivered', delivered);
    };
  }

  /** Resolves once every act told so far is journaled told (`told` logs its own failure). */
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
