/**
 * Tells the fleet of every host act the journal's retention gave up (ADR 0025): an `anomaly` event
 * with HOST_ACT_ABANDONED, one per act, so the fleet raises an alert per act for staff to settle it
 * with the host (a release or reversal given up may leave money held there). The journal gives
 * them up at its boot, before this link starts: those are told first, then any given up later.
 * Each is told from the journal: one given up and not told before a crash is told at the next
 * boot, and the journal records each told once queued (`given-up-told.ts`).
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
import { JournalService } from '../../journal/journal.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';

@Injectable()
export class HostActsGivenUpToFleet implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop: (() => void) | undefined;
  private journaled = Promise.resolve();

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly journal: JournalService,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.journal.givenUp.onGivenUp((act) => {
      this.publisher.publishEvent({ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED });
      // queued (the queue's file written): the journal records it told, so no boot tells it again
      this.journaled = this.journaled.then(() => this.journal.givenUp.told(act));
    });
  }

  /** Resolves once every act told so far is journaled told (`told` logs its own failure). */
  whenJournaled(): Promise<void> {
    return this.journaled;
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
