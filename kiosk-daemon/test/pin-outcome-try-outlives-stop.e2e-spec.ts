/**
 * The fault: a background try of a PIN outcome under way when the kiosk stopped outlived the stop.
 * The stop ended the tries' pauses but not a try whose request was out: the journal closed beside
 * it, the host (back by then) answered the stopped kiosk, the answer was journaled nowhere, and the
 * next boot sent the outcome again. A whole run on PostgreSQL saw it as ok, replay, ok at the host:
 * wrong#1 from the stopped run, wrong#1 again from the boot (a replay, counted once), then wrong#2.
 * Now the journal's stop waits for a try under way (within its bound) and journals its answer, and
 * a stopped kiosk starts no try. On both journal stores (SQLite file, PostgreSQL).
 */
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, twoWrongPinsOwed, type PinOutcomeWorld } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
const stores = journalStores('pin-outcome-try-outlives-stop');

describe.each(stores)(
  'fault: a PIN outcome try under way outlives the kiosk stop (%s)',
  (_name, makeStore) => {
    let world: PinOutcomeWorld;
    eachPinOutcomeWorld(makeStore, (w) => (world = w));

    it('a try at the host when the kiosk stops is answered before the stop ends: the host back later counts each outcome once, no replay', async () => {
      const { first, tx } = await twoWrongPinsOwed(world, zhang.cardNumber);
      // the host slow (and still away): the next background try waits there while the kiosk stops
      world.simulator.faults.set({ delayMs: 400 });
      await eventually(() => world.pinEventsUnderWayAtHost() === 1, 'a background try at the host', {
        withinMs: 10_000,
      });
      await first.stop();
      world.simulator.faults.clear();
      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(2);
      await eventually(() => world.pinEventsUnderWayAtHost() === 0, 'the host idle', { withinMs: 10_000 });
      // wrong#1 and wrong#2 each reached the host once, from the boot: none from the stopped run
      expect(world.pinEventsAtHost(zhang.cardNumber).map((a) => a.outcome)).toEqual(['ok', 'ok']);
      expect(await world.reported(second.journal, tx)).toEqual([
        'intent:wrong#1',
        'intent:wrong#2',
        'failed:wrong#1',
        'done:wrong#1',
        'done:wrong#2',
      ]);
    });

    it('a boot resend asked of a kiosk stopping sends nothing: the outcomes stay owed for the next boot', async () => {
      const { first, tx } = await twoWrongPinsOwed(world, zhang.cardNumber, 60_000);
      world.simulator.faults.clear();
      // the stop comes while the boot still resends: the tries stopped, the journal not yet closed
      first.retries.onApplicationShutdown();
      expect(await first.reports.resumeAtBoot({ away: false })).toBe(0);
      await first.stop();
      expect(world.pinEventsAtHost(zhang.cardNumber)).toEqual([]);

      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(2);
      expect(world.pinEventsAtHost(zhang.cardNumber).map((a) => a.outcome)).toEqual(['ok', 'ok']);
      expect(await world.reported(second.journal, tx)).toEqual(
        expect.arrayContaining(['done:wrong#1', 'done:wrong#2']),
      );
    });
  },
);
