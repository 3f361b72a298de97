/**
 * What one device counters record holds (`device_counters`, `device-counters.service.ts`): the
 * schema every record is checked against before it is written, and how a record written reads
 * back (undefined when it does not: a damaged row, a counter a newer release wrote).
 */
import { z } from 'zod';

const count = z.int({ error: 'expected a whole number, 0 or more' }).min(0, {
  error: 'expected a whole number, 0 or more',
});

/** What a device holds: notes per cassette, blank cards, and the bins it sends things to. */
export const DeviceCounters = z
  .strictObject({
    cassettes: z
      .array(
        z.strictObject({
          cassette: z.string().trim().min(1).max(16),
          denominationFen: z.int().positive(),
          notes: count,
        }),
      )
      .max(8)
      .optional(),
    blanks: count.optional(),
    /** prints left on the card printer's ribbon */
    ribbon: count.optional(),
    rejectBin: count.optional(),
    retractBin: count.optional(),
    captureBin: count.optional(),
    /**
     * cards handed to residents, ever (card printer; the journal's own count, never reset): one up
     * when a card's hand-over is journaled (`cards-issued.ts`). No card number, no name: a count.
     */
    issued: count.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { error: 'expected at least one counter' });
export type DeviceCounters = z.infer<typeof DeviceCounters>;

/** A journaled counters record as written, or undefined when it does not read. */
export function readCounters(text: string): DeviceCounters | undefined {
  try {
    const parsed = DeviceCounters.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A device kind's record read back: when it was recorded, and what it held. */
export interface RecordedCounters {
  readonly at: string;
  readonly counters: DeviceCounters;
}
