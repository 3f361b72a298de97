/**
 * The MQTT contract between a kiosk and the fleet monitor: topics (`telemetry-topics.ts`,
 * re-exported here), and a zod schema for every payload on them. Imported by the kiosk daemon
 * through `@kiosk/fleet-monitor/contract`, which loads zod and the domain's constants only (no
 * Nest, no broker).
 *
 * Privacy: every object is `.strict()`, and no field carries free text about a resident: events
 * speak in codes, journey outcomes in counts and durations. A payload with an extra field is refused.
 * These are what a kiosk of this release sends; the monitor reads kiosks of other releases with the
 * open schemas of `telemetry-reading.ts`. What may be added and what may never change: ADR 0018.
 */
import { z } from 'zod';
import { DEVICE_KINDS, JOURNEYS } from '@kiosk/domain';
import { Code, DeviceKindSchema, MessageId, Timestamp } from './contract-fields.js';
import { KioskIdSchema } from './telemetry-topics.js';

export * from './telemetry-topics.js';
export * from './command.contract.js';

export const KIOSK_MODES = [
  'booting',
  'selfTest',
  'inService',
  'degraded',
  'outOfService',
  'maintenance',
] as const;
export const SUPPLY_LEVELS = ['ok', 'low', 'empty', 'full', 'missing', 'unknown'] as const;
export const DEVICE_STATES = [
  'online',
  'offline',
  'hardwareError',
  'userError',
  'noDevice',
  'busy',
  'powerOff',
] as const;

export const SupplyTelemetrySchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9:_-]{0,39}$/),
    level: z.enum(SUPPLY_LEVELS),
    count: z.number().int().min(0).optional(),
    capacity: z.number().int().min(0).optional(),
    threshold: z.number().int().min(0).optional(),
  })
  .strict();

export const DeviceTelemetrySchema = z
  .object({
    kind: DeviceKindSchema,
    device: z.enum(DEVICE_STATES),
    supplies: z.array(SupplyTelemetrySchema).max(16),
    faultCode: Code.optional(),
    /**
     * the card printer: cards handed to residents ever, as the kiosk's journal counts them (one per
     * hand-over, never reset; with the blanks and the reject bin it reconciles the blanks loaded).
     * Optional and added under ADR 0018: an older monitor leaves it out, an older kiosk sends none.
     */
    issued: z.number().int().min(0).optional(),
  })
  .strict();

/** a supply's name as a device reports it (`paper`, `cassette:upper`) */
const SupplyName = z.string().regex(/^[A-Za-z][A-Za-z0-9:_-]{0,31}$/);

/** the most supply acts a status lists as left for staff (one per supply at most: a new act waits) */
export const MAX_SUPPLY_ACTS_LEFT = 32;

/** A staff supply act left for staff's answer: the supply it was of (`supplyAct/<device>/<supply>`). */
export const SupplyActLeftSchema = z.object({ device: DeviceKindSchema, supply: SupplyName }).strict();

/** the most reasons a status lists (more than the kiosk has: a hold, then each device reason once) */
export const MAX_REASONS = 32;

/**
 * Which status of a kiosk is its latest, whatever its clock says (`status-order.ts`, ADR 0018's
 * addendum on runs): `id` is drawn at each start of the kiosk's fleet link, `seq` counts the
 * statuses it made since (a status sent again keeps its own). A clock stepped back (NTP after
 * running fast, an RTC that lost its battery) leaves them rising.
 */
export const StatusRunSchema = z.object({ id: MessageId, seq: z.number().int().min(0) }).strict();
export type StatusRun = z.infer<typeof StatusRunSchema>;

/**
 * Which of the kiosk's connections to the broker a status was sent on (ADR 0011, "a last will and
 * the kiosk's next status"): a count the kiosk keeps across restarts and raises before each try, in
 * its online status and in the last will (and the clean stop's offline status) of that connection.
 * The monitor keeps out an offline status of a connection before the stored online status's: a will
 * a slower monitor stores after the kiosk's next connection's status. Optional, added under ADR 0018.
 */
export const ConnectionSeqSchema = z.number().int().min(0);

/** Retained on `kiosk/<id>/status`: the kiosk's whole state, replaced by each publish. */
export const OnlineStatusSchema = z
  .object({
    connection: z.literal('online'),
    kioskId: KioskIdSchema,
    mode: z.enum(KIOSK_MODES),
    reason: Code.optional(),
    /**
     * Every reason the kiosk holds now, in its order (domain's `DEVICE_REASON_ORDER`, an operator's
     * hold first), the first being `reason`: a card or notes left at the kiosk behind a device's
     * fault are told all the same. Sent only while the kiosk is placed by its reasons (in service,
     * degraded, out of service for its devices or a hold), where the list is whole, so a reason it
     * leaves out is gone; absent means not reported (an older kiosk, or booting, a self test,
     * maintenance, a self test failed or timed out), never none. Optional, added under ADR 0018.
     */
    reasons: z.array(Code).max(MAX_REASONS).optional(),
    /** what a failed self test came of (CARD_POSITION_UNKNOWN…): optional, added under ADR 0018 */
    cause: Code.optional(),
    version: z.string().min(1).max(40),
    /** the service hall the kiosk stands in (config `kiosk.hallId`), for the fleet list by hall */
    hallId: z.string().min(1).max(40).optional(),
    /**
     * the kiosk's time zone (config `kiosk.timeZone`, an IANA name such as Asia/Shanghai), in which it
     * counts its journeys' `day`: the fleet's daily counts end on the kiosks' today from their
     * midnight, before their first journey of it. Optional, added under ADR 0018: a kiosk without it
     * (an older one) has the UTC date for its today, as before. Read by form; a zone the monitor's
     * runtime does not know is taken as none.
     */
    timeZone: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/)
      .optional(),
    journeysOffered: z.array(z.enum(JOURNEYS)),
    devices: z.array(DeviceTelemetrySchema).max(DEVICE_KINDS.length),
    /**
     * The staff supply acts a restart (or a device that never answered) left for staff's answer
     * (ADR 0022), every one still waiting: the fleet holds an alert per supply while one is listed
     * and resolves it once the list leaves it out, whatever events it missed. Optional and added
     * under ADR 0018: absent means not reported (an older kiosk, or recovery not read yet), never none.
     */
    supplyActsLeft: z.array(SupplyActLeftSchema).max(MAX_SUPPLY_ACTS_LEFT).optional(),
    /**
     * How many withdrawals are left for staff (money perhaps owed, a supervisor settles them), in
     * service or not (ADR 0004): the fleet holds one alert while any is and resolves it at none.
     * Optional, added under ADR 0018: absent means not reported, never none.
     */
    withdrawalsLeft: z.number().int().min(0).optional(),
    /**
     * the run of the kiosk's fleet link this status belongs to and its place in it: the monitor orders
     * a kiosk's statuses by it rather than by `at`. Optional, added under ADR 0018: a status without
     * it (an older kiosk) is ordered by `at` as before.
     */
    run: StatusRunSchema.optional(),
    /** the connection this status was sent on (`ConnectionSeqSchema`); a status sent again carries the new one */
    connectionSeq: ConnectionSeqSchema.optional(),
    /** seconds between heartbeats; the monitor calls a silent kiosk offline after 3 of them */
    heartbeatIntervalS: z.number().int().min(1).max(3600),
    at: Timestamp,
  })
  .strict();

/** Also on the status topic, retained: set as the MQTT last will at connect, and sent on a clean shutdown. */
export const OfflineStatusSchema = z
  .object({
    connection: z.literal('offline'),
    kioskId: KioskIdSchema,
    cause: z.enum(['lastWill', 'shutdown']),
    /** the connection this will (or clean stop) ends (`ConnectionSeqSchema`); none from an older kiosk */
    connectionSeq: ConnectionSeqSchema.optional(),
    at: Timestamp,
  })
  .strict();

export const StatusMessageSchema = z.discriminatedUnion('connection', [
  OnlineStatusSchema,
  OfflineStatusSchema,
]);
export type OnlineStatus = z.infer<typeof OnlineStatusSchema>;
export type OfflineStatus = z.infer<typeof OfflineStatusSchema>;
export type StatusMessage = z.infer<typeof StatusMessageSchema>;

const eventBase = {
  /** unique per event: the monitor stores each id once, so a replay after an outage is harmless */
  id: MessageId,
  kioskId: KioskIdSchema,
  /** the kiosk's own counter, rising across restarts; gaps tell the monitor events were dropped */
  seq: z.number().int().min(0),
  at: Timestamp,
};

export const MAINTENANCE_ACTIONS = [
  'login',
  'loginRefused',
  'selfTest',
  'testReceipt',
  'logout',
  // field staff's supply and device work (refills, bins, tests, faults, settling a withdrawal)
  'refill',
  'emptyBin',
  'testDispense',
  'testCard',
  'clearFault',
  'settleWithdrawal',
  // a card making recovery left for staff: where the supervisor found the card
  'settleCardMaking',
  // the visit ended with the kiosk returned to service, an operator's hold released (its code)
  'returnToService',
] as const;

export const JOURNEY_OUTCOMES = ['completed', 'cancelled', 'failed', 'timedOut'] as const;

export const TelemetryEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('deviceFault'), device: DeviceKindSchema, code: Code }).strict(),
  z.object({ ...eventBase, type: z.literal('faultCleared'), device: DeviceKindSchema }).strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('retract'),
      device: DeviceKindSchema,
      item: z.enum(['card', 'notes', 'receipt']),
      code: Code,
    })
    .strict(),
  z
    .object({ ...eventBase, type: z.literal('anomaly'), code: Code, device: DeviceKindSchema.optional() })
    .strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('recoveryNeedsStaff'),
      code: Code,
      /** what a failed self test came of (the status's `cause`); optional, added under ADR 0018 */
      cause: Code.optional(),
      /** a staff supply act a restart cut off, left for staff (MAINTENANCE_SUPPLY_UNSETTLED): its supply */
      device: DeviceKindSchema.optional(),
      supply: SupplyName.optional(),
    })
    .strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('journeyOutcome'),
      journey: z.enum(JOURNEYS),
      outcome: z.enum(JOURNEY_OUTCOMES),
      code: Code.optional(),
      durationMs: z.number().int().min(0),
      /**
       * the kiosk's calendar day (YYYY-MM-DD, in its `kiosk.timeZone`) the journey ended on: the
       * fleet counts journeys per day by it, as the hall's day and the daily caps run, not by the
       * UTC day of `at` (08:00 in China). Optional, added under ADR 0018: an older kiosk sends none
       * and its journeys are counted on the UTC day of `at`, as before.
       */
      day: z.iso.date().optional(),
    })
    .strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('maintenance'),
      /** what field staff did at the kiosk */
      action: z.enum(MAINTENANCE_ACTIONS),
      /** the staff card's number (staff, not residents: no personal data of a resident) */
      staffId: z
        .string()
        .regex(/^[A-Z]{2}-\d{4,6}$/)
        .optional(),
      code: Code.optional(),
      /** the device and supply staff worked on, and how many units (loaded, emptied, moved) */
      device: DeviceKindSchema.optional(),
      supply: SupplyName.optional(),
      count: z.number().int().min(0).max(100_000).optional(),
    })
    .strict(),
  z
    .object({
      ...eventBase,
      type: z.literal('eventsDropped'),
      /** how many events the bounded queue threw away while the broker was unreachable */
      count: z.number().int().min(1),
    })
    .strict(),
]);
export type TelemetryEvent = z.infer<typeof TelemetryEventSchema>;
export type TelemetryEventType = TelemetryEvent['type'];

export const HeartbeatSchema = z
  .object({
    kioskId: KioskIdSchema,
    seq: z.number().int().min(0),
    at: Timestamp,
    uptimeS: z.number().int().min(0),
    /** events waiting in the kiosk's local queue */
    queued: z.number().int().min(0),
    /** the connection it was sent on (`ConnectionSeqSchema`), ordered with the wills; none from an older kiosk */
    connectionSeq: ConnectionSeqSchema.optional(),
  })
  .strict();
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
