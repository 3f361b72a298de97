/**
 * The counts one journaled act makes, as `DeviceCountersService.recordCountsOnce` sets them: a
 * bin's count (a retract's notes, a spoiled card), a card hopper's (a blank fed) and, for a retract after a dispense whose outcome
 * was unknown, the notes of the cassettes they came out of (a dispenser that counts nothing itself
 * takes them from its cassettes only when it sees them). Each counter is compared and set on its
 * own; the cassettes by the ids the act names, the others kept.
 */
import type { DeviceCounters } from './device-counters-record.js';

type Bin = 'blanks' | 'rejectBin' | 'retractBin' | 'captureBin' | 'issued';

/** Counts one journaled act makes, by counter: set, never added. */
export type MadeCounts = Partial<Pick<DeviceCounters, Bin>> & {
  /** notes per cassette id, of the cassettes the act moved */
  readonly cassettes?: Readonly<Record<string, number>>;
};

/** The counters `made` names. */
function madeKeys(made: MadeCounts): (keyof MadeCounts)[] {
  return (Object.keys(made) as (keyof MadeCounts)[]).filter((k) => made[k] !== undefined);
}

/** `upper=198,lower=200`: the notes of the cassettes `ids`, one comparable value; undefined if one is missing. */
function cassettesText(notes: Readonly<Record<string, number>>, ids: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const id of ids) {
    const n = notes[id];
    if (n === undefined) return undefined;
    parts.push(`${id}=${n}`);
  }
  return parts.join(',');
}

/** Counter `key` of an act's counts (or those before it) as one comparable value. */
function madeValue(
  counts: MadeCounts,
  key: keyof MadeCounts,
  ids: readonly string[],
): number | string | undefined {
  if (key !== 'cassettes') return counts[key];
  return counts.cassettes && cassettesText(counts.cassettes, ids);
}

/** Counter `key` of a record, comparable with `madeValue`; undefined when the record has none. */
function recordValue(
  record: DeviceCounters | undefined,
  key: keyof MadeCounts,
  ids: readonly string[],
): number | string | undefined {
  if (key !== 'cassettes') return record?.[key];
  if (!record?.cassettes) return undefined;
  return cassettesText(Object.fromEntries(record.cassettes.map((c) => [c.cassette, c.notes])), ids);
}

export interface MadeByAct {
  /** what the counters must become */
  readonly counts: MadeCounts;
  /** what they were before the act */
  readonly before: MadeCounts;
}

/**
 * What a record says of an act's counts: `before` (every counter it has still holds the count
 * before the act), `made` (it has the act's counts already), or `other` (a counter moved another
 * way: a bin emptied, a cassette refilled). A record without a counter does not speak of it.
 */
export function recordOfAct(
  record: DeviceCounters | undefined,
  made: MadeByAct,
): 'before' | 'made' | 'other' {
  const keys = madeKeys(made.counts);
  const ids = Object.keys(made.counts.cassettes ?? {}).sort();
  const holds = (counts: MadeCounts) =>
    keys.every((k) => {
      const v = recordValue(record, k, ids);
      return v === undefined || v === madeValue(counts, k, ids);
    });
  if (holds(made.before)) return 'before';
  return holds(made.counts) ? 'made' : 'other';
}

/** A record's counters `made` names, for a log line (`retractBin 5, cassettes upper=198,lower=200`). */
export function describeAgainst(record: DeviceCounters | undefined, made: MadeCounts): string {
  const ids = Object.keys(made.cassettes ?? {}).sort();
  return madeKeys(made)
    .map((k) => `${k} ${recordValue(record, k, ids) ?? '-'}`)
    .join(', ');
}

/** An act's counts for a log line. */
export function describeMade(made: MadeCounts): string {
  const ids = Object.keys(made.cassettes ?? {}).sort();
  return madeKeys(made)
    .map((k) => `${k} ${madeValue(made, k, ids) ?? '-'}`)
    .join(', ');
}

/** `counters` with the counts `made` set (the cassettes it names get its notes, the others kept). */
export function withMade(counters: DeviceCounters, made: MadeCounts): DeviceCounters {
  const { cassettes, ...bins } = made;
  const out: DeviceCounters = { ...counters, ...bins };
  if (!cassettes || !counters.cassettes) return out;
  return {
    ...out,
    cassettes: counters.cassettes.map((c) => ({ ...c, notes: cassettes[c.cassette] ?? c.notes })),
  };
}
