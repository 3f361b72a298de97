/**
 * The supplies of a cash dispenser in the one status model: each cassette (`cassette:<id>`,
 * missing / empty / low / ok) and the reject and retract bins. Shared by every implementation.
 */
import { binLevel, stockLevel, type SupplyStatus } from '@kiosk/domain';
import {
  assertLoadedCount,
  countOf,
  replenishableSupply,
  type ReplenishableSupply,
  type ReplenishResult,
} from '../common/supply-replenishment.js';
import type { Cassette } from './cash-dispenser.port.js';

export interface BinCount {
  readonly count: number;
  readonly capacity: number;
}

/** `nearEnd`: the dispenser's own near-end sensor, which reads 'low' whatever the count says. */
export function cashDispenserSupplies(
  cassettes: readonly (Cassette & { readonly nearEnd?: boolean })[],
  rejectBin: BinCount,
  retractBin: BinCount,
): SupplyStatus[] {
  const supplies: SupplyStatus[] = cassettes.map((c) => ({
    name: `cassette:${c.id}`,
    level: !c.present
      ? 'missing'
      : c.count <= c.emptyThreshold
        ? 'empty'
        : c.nearEnd
          ? 'low'
          : stockLevel(c.count, c.lowThreshold),
    count: c.count,
    threshold: c.lowThreshold,
  }));
  const bin = (name: string, b: BinCount): SupplyStatus => ({
    name,
    level: binLevel(b.count, b.capacity),
    count: b.count,
    capacity: b.capacity,
  });
  return [...supplies, bin('rejectBin', rejectBin), bin('retractBin', retractBin)];
}

/** What field staff refill (each cassette's notes) and empty (the reject and retract bins). */
export function cashReplenishables(cassettes: readonly Cassette[]): ReplenishableSupply[] {
  return [
    ...cassettes.map((c): ReplenishableSupply => ({
      supply: `cassette:${c.id}`,
      role: 'stock',
      unit: 'notes',
      denominationFen: c.denominationFen,
      countedBy: 'device',
    })),
    { supply: 'rejectBin', role: 'bin', unit: 'notes', countedBy: 'device' },
    { supply: 'retractBin', role: 'bin', unit: 'notes', countedBy: 'device' },
  ];
}

/** A dispenser's own counters as its implementations keep them (driver or in-memory emulator). */
export interface CashCounters {
  cassettes(): readonly Cassette[];
  status(): { readonly supplies: readonly SupplyStatus[] };
  loadCassette(id: string, count: number): void;
  emptyBin(bin: 'reject' | 'retract'): number;
}

/** Notes added to a cassette: its counter moves by exactly that many. */
export function refillCassette(dispenser: CashCounters, supply: string, added: number): ReplenishResult {
  replenishableSupply('cashDispenser', cashReplenishables(dispenser.cassettes()), supply, 'stock');
  assertLoadedCount(added);
  const id = supply.slice('cassette:'.length);
  const before = dispenser.cassettes().find((c) => c.id === id)?.count ?? 0;
  dispenser.loadCassette(id, before + added);
  return { supply, before, after: dispenser.cassettes().find((c) => c.id === id)?.count ?? null };
}

/** A bin emptied: what its counter held, and 0 after. */
export function emptyCashBin(dispenser: CashCounters, supply: string): ReplenishResult {
  replenishableSupply('cashDispenser', cashReplenishables(dispenser.cassettes()), supply, 'bin');
  const before = dispenser.emptyBin(supply === 'rejectBin' ? 'reject' : 'retract');
  return { supply, before, after: countOf(dispenser.status().supplies, supply) };
}
