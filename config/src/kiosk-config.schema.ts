/**
 * The one schema of the kiosk's configuration. Every number the domain rules name is here with
 * the unit in its name (money in integer fen, times in ms). Objects are strict, so a misspelt key
 * is refused instead of silently falling back. Cross-field rules (warn before the step times out,
 * loopback-only gateway, no emulator or demo panel in production) are checks on the whole object.
 */
import { z } from 'zod';
import { DEVICE_KINDS, GATEWAY_MAX_PAYLOAD_BYTES_CEILING } from '@kiosk/domain';
import { CardConfigSchema } from './card-config.js';
import { refuse } from './config-issues.js';
import { fen, ms, nonEmpty, port, positiveInt } from './config-values.js';
import { DevicesConfigSchema } from './devices-config.schema.js';
import { FleetConfigSchema } from './fleet-config.js';
import { JournalConfigSchema } from './journal-config.js';
import { isLoopbackAddress } from './loopback-address.js';
import { MaintenanceConfigSchema } from './maintenance-config.js';
import { PinConfigSchema } from './pin-config.js';
import { TimeoutsConfigSchema } from './timeouts-config.js';
import { TimeZoneSchema } from './time-zone-config.js';

export { JOURNAL_DRIVERS, type JournalDriver } from './journal-config.js';
export { isLoopbackAddress } from './loopback-address.js';
export { DEFAULT_SELF_TEST_MS, DEFAULT_SUPPLY_ACT_MS } from './timeouts-config.js';

export const PROFILES = ['demo', 'test', 'production'] as const;
export type Profile = (typeof PROFILES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const KioskConfigSchema = z
  .strictObject({
    profile: z.enum(PROFILES, { error: `expected one of ${PROFILES.join(', ')}` }),
    kiosk: z.strictObject({
      /** e.g. JZ-0001: region letters, a dash, the kiosk's number */
      id: z.string().regex(/^[A-Z]{2,4}-\d{4,6}$/, {
        error: 'expected a kiosk id like JZ-0001 (2–4 capital letters, a dash, 4–6 digits)',
      }),
      hallId: nonEmpty,
      region: z.strictObject({
        name: nonEmpty,
        /** leading digits of the resident ID numbers this region serves (Jiaozuo: 4108) */
        idRegionPrefixes: z
          .array(
            z
              .string({ error: 'expected 2–6 digits of a region code in quotes, e.g. "4108"' })
              .regex(/^\d{2,6}$/, { error: 'expected 2–6 digits of a region code in quotes, e.g. "4108"' }),
          )
          .min(1, { error: 'expected at least one region prefix' }),
      }),
      /**
       * the IANA zone every date and time the resident and staff read is in (screens, receipts):
       * China Standard Time unless the region keeps another (Asia/Urumqi in parts of Xinjiang)
       */
      timeZone: TimeZoneSchema,
    }),
    caps: z
      .strictObject({
        singleWithdrawalFen: fen,
        dailyWithdrawalFen: fen,
        withdrawalsPerDay: positiveInt,
        smallestNoteFen: fen,
      })
      .check((ctx) => {
        if (ctx.issues.length > 0) return;
        const caps = ctx.value;
        if (caps.singleWithdrawalFen > caps.dailyWithdrawalFen) {
          refuse(
            ctx,
            ['singleWithdrawalFen'],
            `must not exceed caps.dailyWithdrawalFen (${caps.dailyWithdrawalFen})`,
            caps.singleWithdrawalFen,
          );
        }
        for (const key of ['singleWithdrawalFen', 'dailyWithdrawalFen'] as const) {
          if (caps[key] % caps.smallestNoteFen !== 0) {
            refuse(
              ctx,
              [key],
              `must be a multiple of caps.smallestNoteFen (${caps.smallestNoteFen})`,
              caps[key],
            );
          }
        }
      }),
    pin: PinConfigSchema,
    timeouts: TimeoutsConfigSchema,
    faceMatch: z.strictObject({
      acceptScore: z.int().min(0, { error: 'expected a score 0–100' }).max(100, {
        error: 'expected a score 0–100',
      }),
      maxTries: positiveInt,
    }),
    card: CardConfigSchema,
    devices: DevicesConfigSchema,
    host: z
      .strictObject({
        /** embedded: the host simulator runs in-process; external: a back office at `url` */
        mode: z.enum(['embedded', 'external'], { error: 'expected embedded or external' }),
        url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
        /** shared secret that authenticates this kiosk at the host; never logged */
        kioskKey: z.string().min(16, { error: 'expected a key of at least 16 characters' }),
        timeoutMs: ms,
        /** port of the embedded host simulator; 0 picks a free one */
        embeddedPort: port,
        /**
         * the embedded host simulator only (an external host has its own records): cards whose
         * holders also have the records of a host one release ahead of this kiosk (a kind of record
         * it does not know, shown as Other; ADR 0013). The demo profile names one.
         */
        embeddedNewerRecordsFor: z
          .array(z.string().regex(/^[A-Z0-9]{6,20}$/, { error: 'expected a card number (6-20 of A-Z 0-9)' }))
          .max(10)
          .optional(),
      })
      .check((ctx) => {
        if (ctx.value.mode === 'external' && ctx.value.url === undefined) {
          refuse(ctx, ['url'], 'required when host.mode is external');
        }
      }),
    gateway: z.strictObject({
      host: z.string().refine(isLoopbackAddress, {
        error:
          'must be a loopback address (127.0.0.0/8 or ::1): the gateway serves only the touch screen on this kiosk',
      }),
      port,
      maxPayloadBytes: positiveInt.max(GATEWAY_MAX_PAYLOAD_BYTES_CEILING, {
        error: `expected at most ${GATEWAY_MAX_PAYLOAD_BYTES_CEILING} bytes`,
      }),
    }),
    journal: JournalConfigSchema,
    telemetry: z.strictObject({ metrics: z.boolean() }),
    /** reporting to the fleet monitor over MQTT; absent: the kiosk reports to no one */
    fleet: FleetConfigSchema.optional(),
    /** field staff who may log in for maintenance; absent: nobody */
    maintenance: MaintenanceConfigSchema.optional(),
    log: z.strictObject({
      level: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }),
      pretty: z.boolean(),
    }),
    demo: z.strictObject({
      /** the emulator panel on the touch screen */
      panel: z.boolean(),
    }),
  })
  .check((ctx) => {
    const config = ctx.value;
    // a withdrawal's limits call and its authorisation each wait for the card's PIN outcomes owed
    // to the host, then ask the host, each up to host.timeoutMs, within one step (ADR 0006): past
    // the step's end the resident is told it timed out and a hold never asked for is released
    const hostWaitsMs = 2 * config.host.timeoutMs;
    if (hostWaitsMs >= config.timeouts.stepMs) {
      refuse(
        ctx,
        ['host', 'timeoutMs'],
        `must be less than half of timeouts.stepMs (${config.timeouts.stepMs}): a withdrawal's step waits up to twice host.timeoutMs`,
        config.host.timeoutMs,
      );
    }
    // a receipt under way waits for a hot print head within the resident's step: a wait as long as
    // the step lets the step end first, cutting the print with no cause while the resident waits
    const { headCoolWaitMs } = config.devices.receiptPrinter;
    if (headCoolWaitMs >= config.timeouts.stepMs) {
      refuse(
        ctx,
        ['devices', 'receiptPrinter', 'headCoolWaitMs'],
        `must be less than timeouts.stepMs (${config.timeouts.stepMs}): a resident's step would end before the print head's wait`,
        headCoolWaitMs,
      );
    }
    if (config.journal.crashAt !== undefined && config.profile !== 'test') {
      refuse(
        ctx,
        ['journal', 'crashAt'],
        'the kill harness hook is refused outside the test profile',
        config.journal.crashAt,
      );
    }
    if (config.profile !== 'production') return;
    for (const kind of DEVICE_KINDS) {
      if (config.devices[kind].driver === 'emulator') {
        refuse(
          ctx,
          ['devices', kind, 'driver'],
          'emulators are refused in the production profile; configure the real driver',
          'emulator',
        );
      }
      const entry = config.devices[kind];
      if ('emulatedOnPseudoTerminal' in entry && entry.emulatedOnPseudoTerminal) {
        refuse(
          ctx,
          ['devices', kind, 'emulatedOnPseudoTerminal'],
          'emulators are refused in the production profile; give the serial port path',
          true,
        );
      }
      if ('emulated' in entry && entry.emulated) {
        refuse(
          ctx,
          ['devices', kind, 'emulated'],
          "emulators are refused in the production profile; give the face-match service's url",
          true,
        );
      }
    }
    if (config.host.mode === 'embedded') {
      refuse(
        ctx,
        ['host', 'mode'],
        'the embedded host simulator is refused in the production profile; use external with a url',
        'embedded',
      );
    }
    if (config.demo.panel) {
      refuse(ctx, ['demo', 'panel'], 'the demo panel is refused in the production profile', true);
    }
  });

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The kiosk's configuration as the daemon sees it: validated, defaults filled in, deep-frozen. */
export type KioskConfig = DeepReadonly<z.output<typeof KioskConfigSchema>>;
export type DevicesConfig = KioskConfig['devices'];
export type DeviceConfig<K extends keyof DevicesConfig> = DevicesConfig[K];
export type HostConfig = KioskConfig['host'];
export type GatewayConfig = KioskConfig['gateway'];
export type JournalConfig = KioskConfig['journal'];
export type KioskFleetConfig = NonNullable<KioskConfig['fleet']>;
