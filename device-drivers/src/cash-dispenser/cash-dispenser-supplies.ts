/**
 * The supplies of a cash dispenser in the one status model: each cassette (`cassette:<id>`,
 * missing / empty / low / ok) and the reject and retract bins. Shared by every implementation.
 */
import { binLevel, stockLevel, type SupplyStatus } from '@kiosk/domain';
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
