/**
 * Where the fleet telemetry goes: a kiosk's id as one topic level, its channels, the topic of each
 * (`kiosk/<kioskId>/<channel>`) and the monitor's filters over all kiosks. The payload on each is
 * in `telemetry.contract.ts`, which re-exports these.
 */
import { z } from 'zod';

/**
 * A kiosk id is one topic level: letters, digits and dashes (never `/`, `+` or `#`), so the
 * daemon's configured ids (`JZ-0001`) and simulated ones (`sim-k0001`) both fit.
 */
export const KioskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'kiosk id: letters, digits and -, at most 63');
export type KioskId = z.infer<typeof KioskIdSchema>;

export const TELEMETRY_CHANNELS = [
  'status',
  'events',
  'events/ack',
  'heartbeat',
  'commands',
  'commands/ack',
  'journal-extract',
] as const;
export type TelemetryChannel = (typeof TELEMETRY_CHANNELS)[number];

/** `kiosk/<kioskId>/<channel>`; status is published retained, the rest are not. */
export function telemetryTopic(kioskId: string, channel: TelemetryChannel): string {
  return `kiosk/${kioskId}/${channel}`;
}

export const TOPIC_FILTERS = {
  status: 'kiosk/+/status',
  events: 'kiosk/+/events',
  heartbeat: 'kiosk/+/heartbeat',
  commandAcks: 'kiosk/+/commands/ack',
  journalExtracts: 'kiosk/+/journal-extract',
} as const;

/** Reads a topic back into kiosk id and channel; undefined for anything outside the contract. */
export function parseTelemetryTopic(
  topic: string,
): { kioskId: KioskId; channel: TelemetryChannel } | undefined {
  const match =
    /^kiosk\/([^/]+)\/(status|events|events\/ack|heartbeat|commands|commands\/ack|journal-extract)$/.exec(
      topic,
    );
  if (!match || !KioskIdSchema.safeParse(match[1]).success) return undefined;
  return { kioskId: match[1]!, channel: match[2] as TelemetryChannel };
}
