/**
 * Which driver runs each device kind, and where it is reached. One entry per kind of
 * `DEVICE_KINDS`, each a union discriminated on `driver`. Emulator entries may carry the
 * emulator's starting state (paper, card stock, cash); real drivers carry their endpoints.
 */
import { z } from 'zod';
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_POSITION_WAIT_MS,
  DEFAULT_CHIP_STATION_WAIT_MS,
  DEFAULT_DEVICE_REOPEN_MAX_MS,
  DEFAULT_DEVICE_REOPEN_MS,
  DEFAULT_HEAD_COOL_WAIT_MS,
  DEFAULT_PCSC_READER_WAIT_MS,
  type DeviceKind,
} from '@kiosk/domain';
import { cameraEntries } from './camera-config.js';
import { cashDispenserEntries } from './cash-dispenser-config.js';
import { msAtMost, nonEmpty } from './config-values.js';
import { checkOneLine, count, emulableSerialLine, positiveCount, tcpEndpoint } from './device-line-config.js';
import { DeviceReopenSchema } from './device-reopen-config.js';
import {
  hopperCapacity,
  hopperWithinCapacity,
  ribbonCapacity,
  ribbonWithinCapacity,
} from './supply-capacity-config.js';

/** A consumable with a fill level: count now, capacity, and the count at which it reads 'low'. */
const SupplySchema = z.strictObject({ count, capacity: positiveCount, lowThreshold: count }).check((ctx) => {
  if (ctx.value.count > ctx.value.capacity) {
    ctx.issues.push({
      code: 'custom',
      path: ['count'],
      input: ctx.value.count,
      message: `must not exceed capacity (${ctx.value.capacity})`,
    });
  }
});

/**
 * the reader's bound of one card move (eject to the slot, retract into the capture bin), counted
 * from the command: past it the reader stops the move and answers DEVICE_TIMEOUT. The session's
 * card steps wait for that answer (they have no step timer of their own)
 */
const cardMove = { moveTimeoutMs: msAtMost(600_000, '10 min').default(DEFAULT_CARD_MOVE_TIMEOUT_MS) };
/** a wait at boot: none (0) up to 30 s, past which the ready line would look like a hung start */
const waitError = { error: 'expected a whole number of ms, 0 to 30000' };
const readerWaitMs = z.int(waitError).min(0, waitError).max(30_000, waitError);
/**
 * how long boot recovery waits for a reader without a motor to say whether the card of a cut-short
 * session is inside (its first status, pcscd listing it late); past it the card is left for staff
 * and the kiosk stays out of service (CARD_POSITION_UNKNOWN). A reader that has said is not waited for.
 * Mid-session, a chip command waits as long for the reader lost (pcscd restarting) to be back
 */
const positionWait = { positionWaitMs: readerWaitMs.default(DEFAULT_CARD_POSITION_WAIT_MS) };

const cardReader = [
  z.strictObject({ driver: z.literal('emulator'), ...cardMove }),
  z.strictObject({
    driver: z.literal('pcsc'),
    ...cardMove,
    /** PC/SC reader name (or a unique part of it) of the card slot; the first reader when absent */
    readerName: nonEmpty.optional(),
    /**
     * PC/SC reader name of the card printer's chip-encoding station; while it is not among pcscd's
     * readers (unplugged, misnamed) the card printer reads offline, naming it
     */
    chipStationReaderName: nonEmpty.optional(),
    /** vpcd's TCP port when the reader is vsmartcard's virtual PCD (test rigs and training kiosks) */
    vpcdPort: z.int().min(1).max(65535, { error: 'expected a TCP port 1–65535' }).optional(),
    /**
     * the reader's mechanism, when its name does not tell: 'emulated' (the motorised emulator, virtual
     * cards through vpcd) or 'presence' (a plain reader without a motor: the card's position follows
     * pcscd). Left out: 'emulated' on vsmartcard's reader ("Virtual PCD") or with vpcdPort set, else
     * 'presence'. A rig that drives vpcd's card itself sets 'presence' to stand for a real reader
     */
    mechanism: z.enum(['emulated', 'presence']).optional(),
    /**
     * how long boot waits for pcscd to list the reader (0 for not at all); a reader that comes
     * later is taken into service when it appears, and with pcscd down nothing is waited for
     */
    startWaitMs: readerWaitMs.default(DEFAULT_PCSC_READER_WAIT_MS),
    ...positionWait,
  }),
  /** pcsc when a reader is present, else the in-process virtual card */
  z.strictObject({
    driver: z.literal('auto'),
    ...cardMove,
    /**
     * how long boot waits for pcscd to list a reader before choosing the in-process virtual cards
     * (0: the readers pcscd lists at once); with pcscd down nothing is waited for
     */
    probeWaitMs: readerWaitMs.default(DEFAULT_PCSC_READER_WAIT_MS),
    ...positionWait,
  }),
] as const;

/**
 * how long a receipt under way waits for the print head to cool (5 s): past it the receipt fails
 * DEVICE_BUSY naming the head, its rest cleared; at most 15 s, half a resident's step, whose end
 * would otherwise cut the print with no cause while the resident waits
 */
const headCoolWait = {
  headCoolWaitMs: msAtMost(15_000, "half a resident's 30 s step").default(DEFAULT_HEAD_COOL_WAIT_MS),
};

const receiptPrinter = [
  z.strictObject({
    driver: z.literal('emulator'),
    /** receipts' worth of paper on the roll */
    paper: SupplySchema.default({ count: 500, capacity: 500, lowThreshold: 50 }),
    ...headCoolWait,
  }),
  z.strictObject({ driver: z.literal('escpos-tcp'), ...tcpEndpoint, ...headCoolWait }),
  z
    .strictObject({ driver: z.literal('escpos-serial'), ...emulableSerialLine(38400), ...headCoolWait })
    .check(checkOneLine),
] as const;

/**
 * how long the printer's opening and its self test wait for the chip station's reader to show (0:
 * not at all); past it the station reads offline, naming its reader
 */
const chipStationWait = { chipStationWaitMs: readerWaitMs.default(DEFAULT_CHIP_STATION_WAIT_MS) };

const cardPrinter = [
  z
    .strictObject({
      driver: z.literal('emulator'),
      /** blank cards in the hopper */
      hopper: count.default(100),
      rejectBinCapacity: positiveCount.default(20),
      /** card faces left on the ribbon */
      ribbonPrints: count.default(500),
      /** simulated mechanical time of one card movement or print, in ms (default: 400 in the demo profile, else 0) */
      stepMs: count.optional(),
      /**
       * the printer answers the counters read of its feeder and reject box, as a counting model does;
       * false: a model without card counters (it refuses the read as a command it does not know), the
       * kiosk reading both by their sensors and keeping the reject box's count in its journal
       */
      reportsCounters: z.boolean({ error: 'expected true or false' }).default(true),
      ...chipStationWait,
      ...hopperCapacity,
      ...ribbonCapacity,
    })
    .check(hopperWithinCapacity)
    .check(ribbonWithinCapacity),
  /** an instant-issuance printer speaking the Evolis-style escape commands over TCP (port 9100 style) */
  z.strictObject({
    driver: z.literal('tcp'),
    ...tcpEndpoint,
    /** the printer has an embosser or indenter: the card number is embossed as part of the job */
    embosser: z.boolean().default(false),
    ...chipStationWait,
    ...hopperCapacity,
    ...ribbonCapacity,
  }),
] as const;

const idReader = [
  z.strictObject({ driver: z.literal('emulator') }),
  /** a GA 467 style resident-ID reader */
  z.strictObject({ driver: z.literal('ga467-serial'), ...emulableSerialLine(115200) }).check(checkOneLine),
] as const;

const pinPad = [
  z.strictObject({ driver: z.literal('emulator') }),
  /** an encrypting PIN pad on a serial line, SZZT style (docs/pin-pad-epp.md) */
  z.strictObject({ driver: z.literal('serial'), ...emulableSerialLine(9600) }).check(checkOneLine),
] as const;

/** the in-memory emulator, or the face-match service over HTTP (camera-config.ts) */
const camera = cameraEntries;

/** Builds the discriminated union of one device kind, with a readable refusal for a wrong driver. */
function deviceEntry<
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(options: T) {
  return z.discriminatedUnion('driver', options, {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `expected driver to be one of ${driverNames(options).join(', ')}`
        : undefined,
  });
}

function driverNames(options: readonly z.core.$ZodTypeDiscriminable[]): string[] {
  return options.flatMap((option) => [...(option._zod.propValues?.['driver'] ?? [])].map(String));
}

export const DevicesConfigSchema = z.strictObject({
  cardReader: deviceEntry(cardReader),
  receiptPrinter: deviceEntry(receiptPrinter),
  cardPrinter: deviceEntry(cardPrinter),
  cashDispenser: deviceEntry(cashDispenserEntries),
  idReader: deviceEntry(idReader),
  pinPad: deviceEntry(pinPad),
  camera: deviceEntry(camera),
  /** not a device: when the daemon opens again those that read offline (ADR 0020) */
  reopen: DeviceReopenSchema.default({
    firstIntervalMs: DEFAULT_DEVICE_REOPEN_MS,
    maxIntervalMs: DEFAULT_DEVICE_REOPEN_MAX_MS,
  }),
} satisfies Record<DeviceKind, z.ZodType> & { reopen: z.ZodType });

export type SupplyConfig = z.output<typeof SupplySchema>;
