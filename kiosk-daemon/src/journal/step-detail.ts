/**
 * Reading a journaled step's detail back (boot recovery, staff settlement, background tries). A
 * detail is JSON text the journal wrote, but what is read at boot may not be what this daemon
 * wrote: a torn write, a hand-edited journal, an older or newer daemon's shape. Nothing here
 * throws: a detail that does not read is an empty record, and a field that is not what its reader
 * expects (a count that is not a non-negative integer, an application number that is not text)
 * reads as unknown. Each caller decides what unknown means, always the side that loses nothing.
 */
import { z } from 'zod';

/** What is read of a journaled step: its name, phase, detail (JSON text, or none) and when, if read. */
export interface JournaledStep {
  readonly step: string;
  readonly phase: string;
  readonly detail: string | null;
  /** When the step was journaled (ISO text), when the reader read it. */
  readonly at?: string;
}

const DetailRecord = z.record(z.string(), z.unknown());

/** The detail as a record; `{}` when there is none, undefined when it does not read. */
function readDetail(step: JournaledStep | undefined): Record<string, unknown> | undefined {
  if (!step?.detail) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(step.detail);
  } catch {
    return undefined;
  }
  // JSON but not an object (null, a number, an array) is not a detail either
  if (Array.isArray(parsed)) return undefined;
  const record = DetailRecord.safeParse(parsed);
  return record.success ? record.data : undefined;
}

/** Whether the steps hold `step` (in `phase`, when given). */
export function hasStep(
  steps: readonly Pick<JournaledStep, 'step' | 'phase'>[],
  step: string,
  phase?: string,
): boolean {
  return steps.some((s) => s.step === step && (phase === undefined || s.phase === phase));
}

/** A step's detail as a record: empty when there is none or it does not read. */
export function stepDetail(step: JournaledStep | undefined): Record<string, unknown> {
  return readDetail(step) ?? {};
}

/**
 * One field of a step's detail: `absent` when the step has no detail or the detail no such key,
 * `unknown` when the detail does not read or the value is not what the schema says.
 */
export type DetailField<T> =
  { readonly read: 'value'; readonly value: T } | { readonly read: 'absent' } | { readonly read: 'unknown' };

export function detailField<T>(
  step: JournaledStep | undefined,
  key: string,
  schema: z.ZodType<T>,
): DetailField<T> {
  const detail = readDetail(step);
  if (detail === undefined) return { read: 'unknown' };
  if (!Object.hasOwn(detail, key) || detail[key] === undefined) return { read: 'absent' };
  const value = schema.safeParse(detail[key]);
  return value.success ? { read: 'value', value: value.data } : { read: 'unknown' };
}

const valueOf = <T>(field: DetailField<T>): T | undefined =>
  field.read === 'value' ? field.value : undefined;

/** A count a step journaled (a bin's count): a non-negative integer, else undefined (absent or unknown). */
export const Count = z.number().int().nonnegative();
export function detailCount(step: JournaledStep | undefined, key: string): number | undefined {
  return valueOf(detailField(step, key, Count));
}

/** A text a step journaled (an application number): a non-empty string, else undefined (absent or unknown). */
export const Text = z.string().min(1);
export function detailText(step: JournaledStep | undefined, key: string): string | undefined {
  return valueOf(detailField(step, key, Text));
}
