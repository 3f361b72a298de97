/**
 * The fault: two cards whose masked numbers are alike (the same first and last three characters)
 * took turns at the host. A card's PIN reports go one after the other under one key of the
 * background tries per card, and that key was the card's masked number: another card masked alike
 * shared it, so its wrong PIN waited behind the first card's outcomes still owed (behind a
 * background loop whose pauses grow to five minutes), and the host's count of its wrong PINs came
 * late. Now the key is the masked number tagged with a keyed hash of the full one (a secret of the
 * run): a key of its own per card, and still no card number in full in the log. On both journal
 * stores (SQLite file, PostgreSQL).
 */
import { demoResident, maskCardNumber } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { pinReportsKey } from '../src/journeys/pin-reports-key.js';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, type PinOutcomeWorld } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
// another card, masked as zhang's is (H41******101)
const TWIN = `${zhang.cardNumber.slice(0, 3)}999999${zhang.cardNumber.slice(-3)}`;
const stores = journalStores('pin-outcome-cards-masked-alike-take-turns');

describe.each(stores)('fault: two cards masked alike take turns at the host (%s)', (_name, makeStore) => {
  let world: PinOutcomeWorld;
  eachPinOutcomeWorld(makeStore, (w) => (world = w));
  const twinAnsweredAtHost = () =>
    world.simulator.state.audit.some((a) => a.action.includes('pin-events') && a.cardNumber === TWIN);

  it("a card's wrong PIN goes to the host while another card masked alike still waits for its answer", async () => {
    expect(maskCardNumber(TWIN)).toBe(maskCardNumber(zhang.cardNumber));
    const run = await world.run();
    const first = await run.journal.openTransaction('s-1', 'balance');
    const second = await run.journal.openTransaction('s-2', 'balance');
    // the host slow for zhang's card: its outcome (and each try again past the host timeout) held
    // there unanswered until released, so there is no deadline for the twin's to beat
    const zhangs = world.holdPinEventsOf(zhang.cardNumber);
    try {
      await run.reports.tell(
        { transactionId: first },
        zhang.cardNumber,
        { result: 'wrong', attemptsLeft: 2 },
        1,
      );
      await eventually(() => zhangs.arrived(), "zhang's outcome at the host", { withinMs: 10_000 });
      await run.reports.tell({ transactionId: second }, TWIN, { result: 'wrong', attemptsLeft: 2 }, 1);
      // the twin's is sent and answered (the host knows no such card) while zhang's still waits
      // there: not after its answer (the kiosk journals the answers with its next write)
      await eventually(twinAnsweredAtHost, "the twin's outcome answered while zhang's waits", {
        withinMs: 10_000,
      });
      expect(zhangs.arrived()).toBe(true);
      expect(world.pinEventsAtHost(zhang.cardNumber)).toEqual([]);
    } finally {
      zhangs.release();
    }
    const zhangsAnswered = () => world.pinEventsAtHost(zhang.cardNumber).length > 0;
    await eventually(zhangsAnswered, "zhang's answered once let go", { withinMs: 10_000 });
    await eventually(() => world.pinEventsUnderWayAtHost() === 0, 'both answered', { withinMs: 10_000 });
  });
});

describe("the key of a card's PIN reports", () => {
  it('the keys of two cards masked alike differ, hold each card masked only, and stay the same for one card', () => {
    const zhangs = pinReportsKey(zhang.cardNumber);
    const twins = pinReportsKey(TWIN);
    expect(zhangs).not.toBe(twins);
    expect(pinReportsKey(zhang.cardNumber)).toBe(zhangs);
    for (const [key, card] of [
      [zhangs, zhang.cardNumber],
      [twins, TWIN],
    ] as const) {
      expect(key).toContain(maskCardNumber(card));
      expect(key).not.toContain(card);
      expect(key).not.toContain(card.slice(3, -3));
    }
  });
});
