/**
 * The socket.io road between the operators' dashboard (`fleet-dashboard`) and the fleet monitor.
 * The page logs in over HTTP (`POST /auth/login`) and connects with `auth: { token }`; the monitor
 * refuses a connection without a live session (`connect_error` with `data.code`). Inbound messages
 * are validated with these schemas and answered through their acknowledgement:
 * `{ ok: true, data? }` or `{ ok: false, error: { code, message, event? } }`. Outbound messages push
 * what changed. The dashboard imports only this file's types (and the pushed events' names from
 * `dashboard-outbound.ts`, which imports nothing), so zod stays out of its bundle.
 */
import { z } from 'zod';
import { DEVICE_KINDS } from '@kiosk/domain';
import { KioskIdSchema } from '../contract/telemetry.contract.js';
import type {
  ReceivedEvent as TelemetryEvent,
  ReceivedOnlineStatus as OnlineStatus,
} from '../contract/telemetry-reading.js';
import type { OperatorRole } from '../auth/operator-roles.js';
import type { AlertRow, CommandRow, DailyCounts, JournalExtractRow } from '../store/fleet-store.js';

/** The lists the dashboard words (each value in both its languages; its wording spec checks). */
export {
  ALERT_KINDS,
  OFFLINE_ALERT_CODES,
  type AlertKind,
  type OfflineAlertCode,
} from '../store/fleet-store.js';
export { OPERATOR_ROLES, type OperatorRole } from '../auth/operator-roles.js';
/**
 * What a kiosk of this release sends, whose lists the dashboard words. The views carry what kiosks
 * sent as the monitor read it (ADR 0018): a newer kiosk's value of an open list as sent, which the
 * page shows raw ("unknown (x)").
 */
export type {
  OnlineStatus as KnownOnlineStatus,
  TelemetryEvent as KnownTelemetryEvent,
} from '../contract/telemetry.contract.js';

/** Largest inbound payload accepted, in bytes of its JSON. */
export const DASHBOARD_MAX_PAYLOAD_BYTES = 2048;

const ReasonCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'an upper-case code');

/** A command as the operator asks for it; the monitor adds id, kiosk id, time and operator. */
/**
 * Whether a journal extract's range is in order (`from` not after `to`): one the wrong way round is
 * refused at the monitor, on the dashboard and the REST API alike, rather than sent to the kiosk to
 * be refused there, perhaps a day later when it is back.
 */
export function extractRangeInOrder(range: { readonly from: string; readonly to: string }): boolean {
  return Date.parse(range.from) <= Date.parse(range.to);
}
const EXTRACT_RANGE_BACKWARDS = { message: '`to` is before `from`', path: ['to'] };

export const DashboardCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('outOfService'), reason: ReasonCode.optional() }),
  z.strictObject({ type: z.literal('inService') }),
  z.strictObject({ type: z.literal('restart') }),
  z.strictObject({ type: z.literal('runSelfTest'), devices: z.array(z.enum(DEVICE_KINDS)).optional() }),
  z
    .strictObject({ type: z.literal('uploadJournalExtract'), from: z.iso.datetime(), to: z.iso.datetime() })
    .refine(extractRangeInOrder, EXTRACT_RANGE_BACKWARDS),
]);
export type DashboardCommand = z.infer<typeof DashboardCommandSchema>;

export const DashboardInboundSchemas = {
  /** the kiosk whose detail this page shows (pushed again on every change), or null for none */
  'kiosk.watch': z.strictObject({ kioskId: KioskIdSchema.nullable() }),
  /** the alert history, newest first */
  'alerts.history': z.strictObject({ limit: z.int().min(1).max(500).optional() }),
  /** operator role */
  'alert.acknowledge': z.strictObject({ alertId: z.int().min(1) }),
  /** operator role */
  'kiosk.command': z.strictObject({ kioskId: KioskIdSchema, command: DashboardCommandSchema }),
  /** operator role: the journal extracts a kiosk uploaded (without their bodies), newest first */
  'kiosk.extracts': z.strictObject({ kioskId: KioskIdSchema }),
  /** operator role: one extract's JSON Lines (masked, as the kiosk's auditors' export) */
  'kiosk.extract': z.strictObject({ kioskId: KioskIdSchema, commandId: z.uuid() }),
  /** journeys per kiosk's day (its `kiosk.timeZone`) over the last `days` days, fleet-wide; pushed again as journeys end */
  'stats.daily': z.strictObject({ days: z.int().min(1).max(366) }),
} as const;

export type DashboardInboundEvent = keyof typeof DashboardInboundSchemas;
export type DashboardInboundPayload<E extends DashboardInboundEvent> = z.infer<
  (typeof DashboardInboundSchemas)[E]
>;

/** Inbound events only the operator role may send; a viewer gets GATEWAY_NOT_ALLOWED. */
export const OPERATOR_ONLY_EVENTS: readonly DashboardInboundEvent[] = [
  'alert.acknowledge',
  'kiosk.command',
  'kiosk.extracts',
  'kiosk.extract',
];

export { DashboardOutbound } from './dashboard-outbound.js';

export interface DashboardErrorBody {
  readonly code: string;
  readonly message: string;
  readonly event?: string;
}

export type DashboardAck<T = unknown> =
  { readonly ok: true; readonly data?: T } | { readonly ok: false; readonly error: DashboardErrorBody };

export interface DashboardSession {
  readonly username: string;
  readonly role: OperatorRole;
}

export type SupplyView = OnlineStatus['devices'][number]['supplies'][number] & { readonly device: string };

/** One kiosk in the fleet list. */
export interface FleetKioskView {
  readonly kioskId: string;
  readonly hallId: string | null;
  readonly connection: 'online' | 'offline';
  readonly mode: OnlineStatus['mode'] | null;
  readonly version: string | null;
  readonly lastSeenAt: string;
  readonly supplies: readonly SupplyView[];
  readonly activeAlerts: number;
}

/** An alert as the store keeps it (one shape for the store and the page). */
export type AlertView = AlertRow;

/** A kiosk's active alerts, all of them, pushed when they changed (`DashboardOutbound.kioskAlerts`). */
export interface KioskAlertsView {
  readonly kioskId: string;
  /** by id, as the store lists them */
  readonly alerts: readonly AlertView[];
}

/** A command as the store keeps it (one shape for the store and the page). */
export type CommandView = CommandRow;

export interface KioskDetailView {
  readonly kiosk: FleetKioskView;
  readonly devices: OnlineStatus['devices'];
  readonly journeysOffered: OnlineStatus['journeysOffered'];
  readonly reason: string | null;
  /**
   * every reason the kiosk holds, its first being `reason` (ADR 0018, "Every reason in the status");
   * absent when the kiosk does not list them (a release before the list, or not placed by them)
   */
  readonly reasons?: readonly string[];
  /** what the reason came of (a failed self test's code), null when the kiosk does not say */
  readonly cause: string | null;
  /** newest first */
  readonly events: readonly TelemetryEvent[];
  /** newest first, with the kiosk's acknowledgement */
  readonly commands: readonly CommandView[];
  readonly alerts: readonly AlertView[];
}

/** A journal extract as the store keeps it, without its body (one shape for the store and the page). */
export type JournalExtractView = JournalExtractRow;

/** One day's journeys as the store counts them (one shape for the store and the page). */
export type DailyCountsView = DailyCounts;

export interface StatsView {
  readonly days: number;
  readonly counts: readonly DailyCountsView[];
}
