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

export class DashboardFeed {
  private kiosks = new Set<string>();
  private alerts = false;
  private stats = false;
  private scheduled = false;
  private pushing: Promise<void> | undefined;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly push: (changes: FleetChanges) => Promise<void>) {}

  /** Listens to the ingest: every stored message marks its kiosk (heartbeats only when they clear an alert). */
  follow(ingest: FleetIngest): void {
    const handled = (topic: string): void => {
      const parsed = parseTelemetryTopic(topic);
      if (parsed && parsed.channel !== 'heartbeat') this.kiosk(parsed.kioskId);
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
