/**
 * A command asked while its kiosk is off the broker (ADR 0011): it stays pending in the store's
 * command table ("waiting for the kiosk" on the dashboard) until the kiosk answers it, or until
 * its expiry (`expiresAt`, set when it is sent) passes.
 * - The broker keeps it in the kiosk's persistent session and hands it over when the kiosk is
 *   back. When that session is gone (an embedded broker restarted with its monitor, a broker
 *   without persistence, a session expired), the command table still has it: the monitor that
 *   saw the kiosk come back (its offline alert cleared) sends the kiosk's pending commands again,
 *   oldest first, on the first heartbeat it gets from it. A heartbeat, not the status that brought
 *   it back: a kiosk sends its heartbeat once it has subscribed to its commands, and a heartbeat
 *   (QoS 0) is never a repeat, whereas a status still in flight when the line dropped is sent again
 *   before the kiosk subscribes. A command received twice is run once by the kiosk (its journal
 *   records each command before it acts and answers a repeat as recorded, ADR 0027). One it
 *   answered not run, its journal unavailable (TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, the one answer
 *   that is not final), stays pending so: sent again, expiring, its next answer stored over it.
 * - Past its expiry a command still unanswered is recorded failed with TELEMETRY_COMMAND_EXPIRED,
 *   once, by whichever monitor sweeps first; a kiosk that gets it later refuses it with that code,
 *   and its late answer finds the command answered already.
 */
import { ErrorCode } from '@kiosk/domain';
import type { FleetIngest } from '../alerts/fleet-ingest.js';
import { parseTelemetryTopic } from '../contract/telemetry.contract.js';
import type { FleetStore } from '../store/fleet-store.js';

/** how long a command waits for its kiosk by default: a day (a hall closed overnight, a line down) */
export const DEFAULT_COMMAND_EXPIRY_S = 86_400;
/** the shortest and longest expiry `--command-expiry` takes */
export const MIN_COMMAND_EXPIRY_S = 10;
export const MAX_COMMAND_EXPIRY_S = 7 * 86_400;

export class PendingCommands {
  /** kiosks seen coming back whose next heartbeat brings them their pending commands */
  private readonly back = new Set<string>();

  constructor(
    private readonly store: () => FleetStore,
    /** the broker's `publishCommand` */
    private readonly publish: (kioskId: string, payload: string) => Promise<void>,
    private readonly expiryS = DEFAULT_COMMAND_EXPIRY_S,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The expiry of a command issued at `issuedAt` (ISO). */
  expiresAt(issuedAt: string): string {
    return new Date(Date.parse(issuedAt) + this.expiryS * 1000).toISOString();
  }

  /** Sends a kiosk that came back its pending commands at the first heartbeat this monitor gets from it. */
  follow(ingest: FleetIngest): void {
    ingest.on('kioskBack', (kioskId) => this.back.add(kioskId));
    ingest.on('handled', (topic) => {
      // every message passes here: nothing to read while no kiosk is awaited
      if (this.back.size === 0) return;
      const parsed = parseTelemetryTopic(topic);
      if (parsed?.channel !== 'heartbeat' || !this.back.delete(parsed.kioskId)) return;
      void this.resend(parsed.kioskId).catch(() => undefined);
    });
  }

  /** Sends the kiosk's unanswered, unexpired commands again, oldest first; answers how many. */
  async resend(kioskId: string): Promise<number> {
    const pending = await this.store().pendingCommands(kioskId, this.now().toISOString());
    for (const command of pending) await this.publish(kioskId, JSON.stringify(command));
    return pending.length;
  }

  /** Records the unanswered commands past their expiry as failed; answers those this call recorded. */
  expire(): Promise<{ kioskId: string; id: string }[]> {
    return this.store().expireCommands(this.now().toISOString(), ErrorCode.TELEMETRY_COMMAND_EXPIRED);
  }
}
