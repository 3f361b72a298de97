/**
 * The cash dispenser's entries in `devices`: the in-memory emulator with its cassettes, or an
 * LCDM-2000 style dispenser on a serial line (real, or emulated on a pseudo-terminal) with its two
 * cassettes, bins and answer times. A cassette holds no more than `cassetteCapacity`.
 */
import { z } from 'zod';
import { DEFAULT_DISPENSE_TIMEOUT_MS, DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS } from '@kiosk/domain';
import { msAtMost } from './config-values.js';
import { checkOneLine, count, emulableSerialLine, positiveCount } from './device-line-config.js';
import { cassetteCapacity, cassettesWithinCapacity } from './supply-capacity-config.js';

const CassetteSchema = z.strictObject({
  denominationFen: positiveCount,
  count,
});

/** A cassette the driver counts: the device reports only presence and its near-end sensor. */
const LcdmCassetteSchema = z.strictObject({
  denominationFen: positiveCount,
  /** notes loaded by field staff */
  count,
  /** at or under this count the cassette reads 'low' (the emulator's near-end sensor trips here) */
  lowThreshold: count.default(20),
  /**
   * at or under this count the cassette reads 'empty': a reserve for rejected notes (replaced from
   * the same cassette), so the kiosk offers amounts from the notes above it (0: every note)
   */
  emptyThreshold: count.default(0),
});

/**
 * a dispenser's answer time: up to 10 min, so their backstop (twice the two bounds' sum plus 30 s)
 * stays a timer Node can hold, well past the minute a dispense of 60 notes takes (a card move's
 * bound likewise: the hand-in's backstop is the step's time plus it)
 */
const dispenserMs = msAtMost(600_000, '10 min');
/** The cash dispenser's entries in `devices`: the in-memory emulator, or an LCDM-2000 style one on a serial line. */
export const cashDispenserEntries = [
  z
    .strictObject({
      driver: z.literal('emulator'),
      cassettes: z
        .array(CassetteSchema)
        .min(1, { error: 'expected at least one cassette' })
        .default([{ denominationFen: 10000, count: 200 }]),
      retractBinCapacity: positiveCount.default(50),
      ...cassetteCapacity,
    })
    .check(cassettesWithinCapacity),
  /** an LCDM-2000 style dispenser with a presenter, two cassettes (upper, lower) */
  z
    .strictObject({
      driver: z.literal('lcdm-serial'),
      ...emulableSerialLine(9600),
      cassettes: z.strictObject({ upper: LcdmCassetteSchema, lower: LcdmCassetteSchema }),
      rejectBinCapacity: positiveCount.default(50),
      retractBinCapacity: positiveCount.default(50),
      /**
       * the dispenser's answer time for a dispense (up to 60 notes). Without an answer the outcome
       * is unknown and the notes are retracted, the retract waiting for a count still running up
       * to this long again: the withdrawal waits for both (its dispensing step has no timer).
       * A retract refused busy waits up to this too: the retracting step has no timer either.
       * Their backstop, for a driver that would break these bounds, is derived from both
       * (`cashActBackstopMs`: twice their sum plus 30 s); it takes the act's outcome as unknown
       */
      dispenseTimeoutMs: dispenserMs.default(DEFAULT_DISPENSE_TIMEOUT_MS),
      /** the answer time of a short command (STATUS, PRESENT, RETRACT) */
      responseTimeoutMs: dispenserMs.default(DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS),
      /**
       * the wait for the dispenser's ACK of a command (the LCDM line's 500 ms when absent). A
       * command that moves no notes is sent again after it, three sends in all, then the dispenser
       * reads silent; one that moves notes is sent once and its answer awaited. Up to 10 s, so the
       * cash steps' backstop (its 30 s past the two answer times) still covers a dispense's wait.
       */
      ackTimeoutMs: msAtMost(10_000, '10 s').optional(),
      ...cassetteCapacity,
    })
    .check(checkOneLine)
    .check(cassettesWithinCapacity),
] as const;
