/**
 * What the withdrawal offers from the notes held (the domain's makeable amounts, from the daemon's
 * `notesOffered`) is what the dispenser then pays (device-drivers' note plan): an amount
 * offered is never refused by the dispenser after the host has authorised it, and with no reserve
 * set every amount the dispenser pays is offered. Loads drawn by a seeded generator.
 */
import { planNotes, type Cassette } from '@kiosk/device-drivers';
import { createPrng, makeableAmounts } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { notesOffered } from './session-input.js';

const YUAN = 100;
const LIMIT = 1_000 * YUAN;

function loads(reserve: boolean): Cassette[][] {
  const random = createPrng(reserve ? 7 : 11).next;
  const denominations = [100, 50, 20, 10];
  return Array.from({ length: 120 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      id: `c${i}`,
      denominationFen: (denominations[Math.floor(random() * denominations.length)] ?? 100) * YUAN,
      count: Math.floor(random() * 16),
      lowThreshold: 5,
      emptyThreshold: reserve ? Math.floor(random() * 3) : 0,
      present: random() > 0.15,
    })),
  );
}

const dispenserHolding = (cassettes: readonly Cassette[]) =>
  ({ cashDispenser: { cassettes: () => cassettes } }) as unknown as DevicesService;

/** Every amount in 10-yuan steps up to the limit the dispenser's note mix pays. */
const paidByDispenser = (cassettes: readonly Cassette[]) =>
  Array.from({ length: LIMIT / (10 * YUAN) }, (_, i) => (i + 1) * 10 * YUAN).filter(
    (amount) => planNotes(amount, cassettes).ok,
  );

describe('amounts offered are amounts the dispenser pays', () => {
  it('offers exactly what the dispenser pays when no cassette keeps a reserve', () => {
    for (const cassettes of loads(false)) {
      expect(makeableAmounts(notesOffered(dispenserHolding(cassettes)), LIMIT)).toEqual(
        paidByDispenser(cassettes),
      );
    }
  });

  it('offers only amounts the dispenser pays without its reserve when cassettes keep one', () => {
    for (const cassettes of loads(true)) {
      const offered = makeableAmounts(notesOffered(dispenserHolding(cassettes)), LIMIT);
      const paid = paidByDispenser(cassettes);
      expect(offered.filter((amount) => !paid.includes(amount))).toEqual([]);
      for (const amount of offered) {
        const plan = planNotes(amount, cassettes);
        if (!plan.ok) throw new Error(`offered ${amount} but the dispenser refuses it`);
        // the plan leaves every cassette's reserve in place: a rejected note is replaced from it
        for (const n of plan.notes) {
          const c = cassettes.find((x) => x.id === n.cassetteId);
          expect(n.count).toBeLessThanOrEqual((c?.count ?? 0) - (c?.emptyThreshold ?? 0));
        }
      }
    }
  });
});
