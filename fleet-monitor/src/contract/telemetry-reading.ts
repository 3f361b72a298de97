/**
 * How the monitor reads what a kiosk sends (ADR 0018): kiosks and the monitor are upgraded at
 * different times, in either order, so a kiosk one release ahead may name a field, a device, a
 * supply level, a mode, a journey, an outcome, a maintenance action or an event type this monitor
 * does not know. The kiosk's own schemas (`telemetry.contract.ts`) stay closed and strict: that
 * is what a kiosk of this release sends. The monitor reads with the open schemas below instead:
 * an unknown field is left out (never stored, so no personal data can ride in on one), a value of
 * an open list is kept as sent when it has a name's form, and an event of an unknown type is kept
 * as `unknownType` with its id, sequence, time and (when of their form) its code and device. What
 * was unknown is named in `unknown` (field names and values of a name's form only). Everything
 * else (ids, times, codes, counts) is checked as strictly as before: such a message is refused.
 */
import { z } from 'zod';
import {
  CommandAckSchema,
  HeartbeatSchema,
  JournalExtractSchema,
  KioskIdSchema,
  MAX_SUPPLY_ACTS_LEFT,
  OfflineStatusSchema,
  OnlineStatusSchema,
  StatusMessageSchema,
  StatusRunSchema,
  SupplyActLeftSchema,
  TelemetryEventSchema,
} from './telemetry.contract.js';

/** A value of an open list as a newer kiosk may send it: a name, never free text. */
const OpenName = z.string().regex(/^[A-Za-z][A-Za-z0-9:_-]{0,39}$/, 'a name such as receiptPrinter');
const Code = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'an upper-case code such as PRINTER_PAPER_OUT');
const Timestamp = z.iso.datetime();

/** more devices than this monitor knows kinds of may come from a kiosk with a new kind */
const MAX_DEVICES_READ = 32;

const ReceivedSupplySchema = z.object({
  ...OnlineStatusSchema.shape.devices.element.shape.supplies.element.shape,
  level: OpenName,
});

const ReceivedDeviceSchema = z.object({
  kind: OpenName,
  device: OpenName,
  supplies: z.array(ReceivedSupplySchema).max(16),
  faultCode: Code.optional(),
  // a count: checked as strictly as the kiosk's own schema
  issued: OnlineStatusSchema.shape.devices.element.shape.issued,
});

/** a supply act left for staff on a device of a kind a newer kiosk may have: the supply read as before */
const ReceivedSupplyActLeftSchema = z.object({ ...SupplyActLeftSchema.shape, device: OpenName });

export const ReceivedOnlineStatusSchema = z.object({
  ...OnlineStatusSchema.shape,
  mode: OpenName,
  journeysOffered: z.array(OpenName),
  devices: z.array(ReceivedDeviceSchema).max(MAX_DEVICES_READ),
  supplyActsLeft: z.array(ReceivedSupplyActLeftSchema).max(MAX_SUPPLY_ACTS_LEFT).optional(),
  // a field a newer kiosk adds to its run is left out; the id and count read as strictly as before
  run: z.object(StatusRunSchema.shape).optional(),
});

export const ReceivedOfflineStatusSchema = z.object({ ...OfflineStatusSchema.shape, cause: OpenName });

export const ReceivedStatusSchema = z.discriminatedUnion('connection', [
  ReceivedOnlineStatusSchema,
  ReceivedOfflineStatusSchema,
]);

/** An online status as the monitor keeps it: the lists a newer kiosk may grow hold any name. */
export type ReceivedOnlineStatus = z.infer<typeof ReceivedOnlineStatusSchema>;
export type ReceivedStatus = z.infer<typeof ReceivedStatusSchema>;

/** the fields of each known event whose values are open lists, read as names */
const OPEN_EVENT_FIELDS: Partial<Record<string, readonly string[]>> = {
  deviceFault: ['device'],
  faultCleared: ['device'],
  retract: ['device', 'item'],
  anomaly: ['device'],
  recoveryNeedsStaff: ['device'],
  journeyOutcome: ['journey', 'outcome'],
  maintenance: ['action', 'device'],
};

const KNOWN_EVENT_SCHEMAS = TelemetryEventSchema.options;

function receivedEventSchema(option: (typeof KNOWN_EVENT_SCHEMAS)[number]) {
  const shape: Record<string, z.ZodType> = { ...option.shape };
  for (const field of OPEN_EVENT_FIELDS[option.shape.type.value] ?? [])
    shape[field] = shape[field]!.isOptional() ? OpenName.optional() : OpenName;
  return z.object(shape);
}

/** An event of a type this monitor does not know, kept with what it can read of it. */
export const UnknownTypeEventSchema = z.object({
  id: z.uuid(),
  kioskId: KioskIdSchema,
  seq: z.number().int().min(0),
  at: Timestamp,
  type: z.literal('unknownType'),
  /** the type as the kiosk sent it */
  sentType: OpenName,
  code: Code.optional().catch(undefined),
  device: OpenName.optional().catch(undefined),
});
export type UnknownTypeEvent = z.infer<typeof UnknownTypeEventSchema>;

type Opened<E> = E extends { type: 'deviceFault' | 'faultCleared' | 'anomaly' | 'recoveryNeedsStaff' }
  ? Omit<E, 'device'> & OpenFields<E, 'device'>
  : E extends { type: 'retract' }
    ? Omit<E, 'device' | 'item'> & OpenFields<E, 'device' | 'item'>
    : E extends { type: 'journeyOutcome' }
      ? Omit<E, 'journey' | 'outcome'> & OpenFields<E, 'journey' | 'outcome'>
      : E extends { type: 'maintenance' }
        ? Omit<E, 'action' | 'device'> & OpenFields<E, 'action' | 'device'>
        : E;
type OpenFields<E, K extends string> = {
  [P in keyof E as P extends K ? P : never]: undefined extends E[P] ? string | undefined : string;
};

/**
 * An event as the monitor keeps it: a known type with its open lists as names (`journey`,
 * `outcome`, `action`, `device`, `item`), or `unknownType`.
 */
export type ReceivedEvent = Opened<z.infer<typeof TelemetryEventSchema>> | UnknownTypeEvent;

const KNOWN_EVENT_TYPES = new Set<string>(KNOWN_EVENT_SCHEMAS.map((option) => option.shape.type.value));
const ReceivedKnownEventSchema = z.discriminatedUnion(
  'type',
  KNOWN_EVENT_SCHEMAS.map(receivedEventSchema) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<string> }>,
    ...z.ZodObject<{ type: z.ZodLiteral<string> }>[],
  ],
);

export const ReceivedHeartbeatSchema = z.object(HeartbeatSchema.shape);
export const ReceivedCommandAckSchema = z.object(CommandAckSchema.shape);
export const ReceivedJournalExtractSchema = z.object(JournalExtractSchema.shape);

/** What a read message held that this monitor does not know: `field a.b` or `value a.b=x`. */
export type UnknownParts = readonly string[];

export type Reading<T> =
  | { readonly success: true; readonly data: T; readonly unknown: UnknownParts }
  | { readonly success: false; readonly error: string };

/** a field name worth logging (never a value of an unknown field) */
const loggableName = (key: string): string => (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(key) ? key : '?');

function at(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/**
 * What the closed schema found that the open one let through: the unknown fields and values. Paths
 * name list positions by index (`devices.2.kind`).
 */
function unknownParts(strict: z.ZodType, body: unknown): UnknownParts {
  const checked = strict.safeParse(body);
  if (checked.success) return [];
  const parts = new Set<string>();
  for (const issue of checked.error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) parts.add(`field ${path ? `${path}.` : ''}${loggableName(key)}`);
    else if (issue.code === 'invalid_value' || issue.code === 'invalid_union')
      parts.add(`value ${path}=${String(at(body, issue.path))}`);
    else if (issue.code === 'too_big') parts.add(`more ${path} than known`);
  }
  return [...parts];
}

function read<T>(open: z.ZodType<T>, strict: z.ZodType, body: unknown): Reading<T> {
  const parsed = open.safeParse(body);
  if (!parsed.success) return { success: false, error: parsed.error.message };
  return { success: true, data: parsed.data, unknown: unknownParts(strict, body) };
}

/** A status (online or offline) from a kiosk of any release. */
export function readStatus(body: unknown): Reading<ReceivedStatus> {
  // the hot path: a status of this release reads closed, with nothing unknown
  const known = StatusMessageSchema.safeParse(body);
  if (known.success) return { success: true, data: known.data, unknown: [] };
  return read(ReceivedStatusSchema, StatusMessageSchema, body);
}

/** An event from a kiosk of any release; one of an unknown type is kept as `unknownType`. */
export function readEvent(body: unknown): Reading<ReceivedEvent> {
  const known = TelemetryEventSchema.safeParse(body);
  if (known.success) return { success: true, data: known.data as ReceivedEvent, unknown: [] };
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && !KNOWN_EVENT_TYPES.has(type)) {
    const parsed = UnknownTypeEventSchema.safeParse({
      ...(body as object),
      type: 'unknownType',
      sentType: type,
    });
    if (!parsed.success) return { success: false, error: parsed.error.message };
    return { success: true, data: parsed.data, unknown: [`value type=${type}`] };
  }
  return read(ReceivedKnownEventSchema, TelemetryEventSchema, body) as Reading<ReceivedEvent>;
}

export const readHeartbeat = (body: unknown) => readFast(ReceivedHeartbeatSchema, HeartbeatSchema, body);
export const readCommandAck = (body: unknown) => readFast(ReceivedCommandAckSchema, CommandAckSchema, body);
export const readJournalExtract = (body: unknown) =>
  readFast(ReceivedJournalExtractSchema, JournalExtractSchema, body);

function readFast<T>(open: z.ZodType<T>, strict: z.ZodType<T>, body: unknown): Reading<T> {
  const known = strict.safeParse(body);
  if (known.success) return { success: true, data: known.data, unknown: [] };
  return read(open, strict, body);
}
