/**
 * What the stock a field engineer refills can hold: the notes of one cash cassette, the blank
 * cards of the card printer's hopper and the prints (panel sets) of one ribbon. A refill past it is
 * refused (MAINTENANCE_OVER_CAPACITY), so the counts never say more than the device can hold; an
 * emulator's starting count past it stops boot. Defaults are those of the hardware the kiosk is
 * built with: an LCDM-2000 cassette holds 2,000 notes, an Evolis Primacy-class feeder 100 cards
 * (RULES.md says none); a ribbon 500 prints, the emulator's (a printer that reads the ribbon's tag
 * says its own, `Rrt;capacity`, and that stands before this).
 */
import { z } from 'zod';
import { positiveInt } from './config-values.js';

export const DEFAULT_CASSETTE_CAPACITY = 2_000;
export const DEFAULT_HOPPER_CAPACITY = 100;
export const DEFAULT_RIBBON_CAPACITY = 500;

/** notes one cassette holds, the same for every cassette of the dispenser */
export const cassetteCapacity = { cassetteCapacity: positiveInt.default(DEFAULT_CASSETTE_CAPACITY) };
/** blank cards the card printer's hopper holds */
export const hopperCapacity = { hopperCapacity: positiveInt.default(DEFAULT_HOPPER_CAPACITY) };
/** prints one new ribbon holds, where the printer cannot read it off the ribbon's tag */
export const ribbonCapacity = { ribbonCapacity: positiveInt.default(DEFAULT_RIBBON_CAPACITY) };

type Issues = { issues: z.core.$ZodRawIssue[] };

/** The emulated hopper's starting blanks within `hopperCapacity`. */
export function hopperWithinCapacity(
  ctx: Issues & { value: { hopper: number; hopperCapacity: number } },
): void {
  pastCapacity(ctx, ['hopper'], ctx.value.hopper, ctx.value.hopperCapacity, 'hopperCapacity');
}

/** The emulated ribbon's starting prints within `ribbonCapacity`. */
export function ribbonWithinCapacity(
  ctx: Issues & { value: { ribbonPrints: number; ribbonCapacity: number } },
): void {
  pastCapacity(ctx, ['ribbonPrints'], ctx.value.ribbonPrints, ctx.value.ribbonCapacity, 'ribbonCapacity');
}

/** Each cassette's notes (a list, or the LCDM's upper and lower) within `cassetteCapacity`. */
export function cassettesWithinCapacity(
  ctx: Issues & {
    value: {
      cassettes: readonly { count: number }[] | Record<string, { count: number }>;
      cassetteCapacity: number;
    };
  },
): void {
  for (const [key, cassette] of Object.entries(ctx.value.cassettes)) {
    const at = Array.isArray(ctx.value.cassettes) ? Number(key) : key;
    pastCapacity(
      ctx,
      ['cassettes', at, 'count'],
      cassette.count,
      ctx.value.cassetteCapacity,
      'cassetteCapacity',
    );
  }
}

function pastCapacity(
  ctx: Issues,
  path: (string | number)[],
  count: number,
  capacity: number,
  what: string,
): void {
  if (count <= capacity) return;
  ctx.issues.push({ code: 'custom', path, input: count, message: `must not exceed ${what} (${capacity})` });
}
