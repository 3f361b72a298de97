/**
 * Gathers what changed in the fleet for the dashboard: the kiosks whose row (and detail) changed,
 * whether the active alerts changed, whether a journey ended (the daily counts). Changes that come
 * close together are pushed once, on the next turn of the event loop after the first; a push that
 * is still running collects the next changes for the push after it.
 */
import type { FleetIngest } from '../alerts/fleet-ingest.js';
import { parseTelemetryTopic } from '../contract/telemetry.contract.js';
import type { ReceivedEvent as TelemetryEvent } from '../contract/telemetry-reading.js';

export interface FleetChanges {
  readonly kiosks: ReadonlySet<string>;
  readonly alerts: boolean;
  readonly stats: boolean;
}

/**
 * How often a kiosk heard only by its heartbeats has its row pushed again, for its last-seen time
 * (shown to the minute): a kiosk whose status did not change for hours showed the time of that
 * status as last seen, a kiosk alive every ten seconds looking like one gone quiet.
 */
export const LAST_SEEN_PUSH_EVERY_MS = 60_000;

export class DashboardFeed {
  private kiosks = new Set<string>();
  /** when each kiosk was last marked (its row pushed), for LAST_SEEN_PUSH_EVERY_MS */
  private readonly markedAt = new Map<string, number>();
  private alerts = false;
  private stats = false;
  private scheduled = false;
  private pushing: Promise<void> | undefined;
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly push: (changes: FleetChanges) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Listens to the ingest: every stored message marks its kiosk (heartbeats when they clear an alert,
   * and once a LAST_SEEN_PUSH_EVERY_MS since the kiosk was last marked).
   */
  follow(ingest: FleetIngest): void {
    const handled = (topic: string): void => {
      const parsed = parseTelemetryTopic(topic);
      if (!parsed) return;
      if (parsed.channel !== 'heartbeat') return this.kiosk(parsed.kioskId);
      const markedAt = this.markedAt.get(parsed.kioskId);
      if (markedAt === undefined) this.markedAt.set(parsed.kioskId, this.now());
      else if (this.now() - markedAt >= LAST_SEEN_PUSH_EVERY_MS) this.kiosk(parsed.kioskId);
    };
    const alert = ({ kioskId }: { kioskId: string }): void => this.kiosk(kioskId, true);
    const event = (event: TelemetryEvent): void => {
      if (event.type === 'journeyOutcome') this.journeyEnded();
    };
    ingest.on('handled', handled);
    ingest.on('alertRaised', alert);
    ingest.on('alertCleared', alert);
    ingest.on('event', event);
    this.detach.push(() => {
      ingest.off('handled', handled);
      ingest.off('alertRaised', alert);
      ingest.off('alertCleared', alert);
      ingest.off('event', event);
    });
  }

  kiosk(kioskId: string, alertsChanged = false): void {
    this.kiosks.add(kioskId);
    this.markedAt.set(kioskId, this.now());
    if (alertsChanged) this.alerts = true;
    this.schedule();
  }

  journeyEnded(): void {
    this.stats = true;
    this.schedule();
  }

  /** Resolves once every change marked so far is pushed. */
  async settled(): Promise<void> {
    while (this.scheduled || this.pushing)
      await (this.pushing ?? new Promise((resolve) => setImmediate(resolve)));
  }

  stop(): void {
    for (const detach of this.detach.splice(0)) detach();
    this.kiosks.clear();
    this.markedAt.clear();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    if (this.pushing) await this.pushing;
    this.scheduled = false;
    const changes: FleetChanges = { kiosks: this.kiosks, alerts: this.alerts, stats: this.stats };
    this.kiosks = new Set();
    this.alerts = false;
    this.stats = false;
    if (changes.kiosks.size === 0 && !changes.alerts && !changes.stats) return;
    // the push reports its own failures; the next changes are pushed all the same
    this.pushing = this.push(changes)
      .catch(() => undefined)
      .finally(() => (this.pushing = undefined));
    await this.pushing;
  }
}
