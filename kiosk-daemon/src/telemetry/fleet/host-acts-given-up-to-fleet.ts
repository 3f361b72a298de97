/**
 * Tells the fleet of every host act the journal's retention gave up (ADR 0025): an `anomaly` event
 * with HOST_ACT_ABANDONED, one per act, so the fleet raises an alert per act for staff to settle it
 * with the host (a release or reversal given up may leave money held there). The journal gives
 * them up at its boot, before this link starts: those are told first, then any given up later.
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

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly journal: JournalService,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.journal.givenUp.onGivenUp(() => {
      this.publisher.publishEvent({ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED });
    });
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
