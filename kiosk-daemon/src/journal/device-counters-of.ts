/**
 * What a device holds, read from the device itself in the journal's counters shape: notes per
 * cassette (with their denomination) from the dispenser, and every counted bin and stock from the
 * one status model (`rejectBin`, `retractBin`, `captureBin`, `cardHopper` as blanks).
 */
import type { Cassette } from '@kiosk/device-drivers';
import type { DeviceKind, DeviceStatus } from '@kiosk/domain';
import type { DeviceCounters } from './device-counters-record.js';

const SUPPLY_COUNTERS = {
  rejectBin: 'rejectBin',
  retractBin: 'retractBin',
  captureBin: 'captureBin',
  cardHopper: 'blanks',
  ribbon: 'ribbon',
} as const satisfies Record<string, keyof DeviceCounters>;

/** The counters a device reports now; undefined when it counts nothing (or is not there). */
export function deviceCountersOf(
  status: DeviceStatus,
  cassettes?: readonly Cassette[],
): DeviceCounters | undefined {
  const out: { -readonly [K in keyof DeviceCounters]: DeviceCounters[K] } = {};
  if (cassettes && cassettes.length > 0) {
    out.cassettes = cassettes.map((c) => ({
      cassette: c.id,
      denominationFen: c.denominationFen,
      notes: c.count,
    }));
  }
  for (const supply of status.supplies) {
    const key = (SUPPLY_COUNTERS as Record<string, keyof DeviceCounters | undefined>)[supply.name];
    if (key && key !== 'cassettes' && supply.count !== undefined) out[key] = supply.count;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Every counter that differs between what was last recorded and what the device says now. */
export function countersDiffer(
  recorded: DeviceCounters,
  now: DeviceCounters,
): { readonly counter: string; readonly recorded: number | null; readonly now: number | null }[] {
  const flat = (c: DeviceCounters): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of c.cassettes ?? []) m.set(`cassette:${x.cassette}`, x.notes);
    for (const key of ['blanks', 'ribbon', 'rejectBin', 'retractBin', 'captureBin', 'issued'] as const) {
      const v = c[key];
      if (v !== undefined) m.set(key, v);
    }
    return m;
  };
  const a = flat(recorded);
  const b = flat(now);
  const out: { counter: string; recorded: number | null; now: number | null }[] = [];
  for (const counter of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(counter) ?? null;
    const y = b.get(counter) ?? null;
    if (x !== y) out.push({ counter, recorded: x, now: y });
  }
  return out;
}

/**
 * The counts the journal keeps itself where the device reports none: a card printer's reject bin
 * it does not count (staff counted it; the kiosk's own rejects and staff's verdicts set it one up),
 * its hopper it does not count (staff's refill sets it, every blank the kiosk feeds sets it one
 * down: `journeys/kiosk-fed-blank.ts`), and the cards issued (handed to residents: only the
 * journal knows, `cards-issued.ts`). Recording the device's counts must not drop them; emptying
 * the bin sets it. A device that reports a count keeps its own.
 */
const JOURNAL_KEPT = { cardPrinter: ['rejectBin', 'blanks', 'issued'] } as const satisfies Partial<
  Record<DeviceKind, readonly (keyof DeviceCounters)[]>
>;
type JournalKept = (typeof JOURNAL_KEPT)['cardPrinter'][number];

const keptOf = (kind: DeviceKind): readonly JournalKept[] =>
  (JOURNAL_KEPT as Partial<Record<DeviceKind, readonly JournalKept[]>>)[kind] ?? [];

/** The counter a supply of `kind` is journaled as when the journal keeps its count (`cardHopper`: blanks). */
export function journalKeptCounterOf(kind: DeviceKind, supply: string): JournalKept | undefined {
  const counter = (SUPPLY_COUNTERS as Record<string, string | undefined>)[supply];
  return counter !== undefined && journalKeepsCount(kind, counter) ? counter : undefined;
}

/** Whether the journal keeps its own count of `counter` of `kind` where the device reports none. */
export function journalKeepsCount(kind: DeviceKind, counter: string): counter is JournalKept {
  return (keptOf(kind) as readonly string[]).includes(counter);
}

/** True when `now` lacks a count the journal keeps for `kind`: `withJournalCounts` carries it forward. */
export function lacksJournalCount(kind: DeviceKind, now: DeviceCounters): boolean {
  return keptOf(kind).some((counter) => now[counter] === undefined);
}

/** `now` with the journal's counts (`recorded`) carried forward where the device reports none. */
export function withJournalCounts(
  kind: DeviceKind,
  now: DeviceCounters,
  recorded: DeviceCounters | undefined,
): DeviceCounters {
  const out = { ...now };
  for (const counter of keptOf(kind)) {
    const kept = recorded?.[counter];
    if (out[counter] === undefined && kept !== undefined) out[counter] = kept;
  }
  return out;
}
