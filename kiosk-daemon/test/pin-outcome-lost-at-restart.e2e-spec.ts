/**
 * The fault: the PIN outcomes told to the host (what the card answered to each PIN, for its
 * anomaly rules: 3 wrong PINs in a day flag the card, 6 block it) were tried again in the
 * background while the host was away, but only in memory: a restart before the host answered lost
 * them, and the host's count of wrong PINs stayed short of those typed (a resident got more tries
 * before the office's flag). Now each outcome is journaled before it is sent and marked once the
 * host answers; the next boot sends those not answered again, under their same idempotency keys,
 * which the host answers once. On both journal stores (SQLite file, PostgreSQL).
 */
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journalStopOf } from '../src/journal/journal-stop.js';
import { pinReportsKey } from '../src/journeys/pin-reports-key.js';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, twoWrongPinsOwed, type PinOutcomeWorld } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
const stores = journalStores('pin-outcome-lost-at-restart');

describe.each(stores)(
  'fault: PIN outcomes the host had not answered are lost at a restart (%s)',
  (_name, makeStore) => {
    let world: PinOutcomeWorld;
    eachPinOutcomeWorld(makeStore, (w) => (world = w));

    const wrongPinFlags = () =>
      world.simulator.state.anomalies.filter(
        (a) => a.cardNumber === zhang.cardNumber && a.rule === 'pinFailures',
      );

    /** A session of the first run: two wrong PINs while the host answers 503, then the kiosk stops. */
    async function twoWrongPinsThenRestart(): Promise<string> {
      const { first, tx } = await twoWrongPinsOwed(world, zhang.cardNumber);
      expect(await world.reported(first.journal, tx)).toEqual([
        'intent:wrong#1',
        'intent:wrong#2',
        'failed:wrong#1',
      ]);
      await first.stop();
      return tx;
    }

    it('the host back at the next boot: both sent then, each once, journaled answered, and the host counts them', async () => {
      const tx = await twoWrongPinsThenRestart();
      expect(world.pinEventsAtHost(zhang.cardNumber)).toEqual([]);
      world.simulator.faults.clear();

      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(2);
      // each sent once, from this boot: a try of the first run under way at its stop ends with the
      // stop (pin-outcome-try-outlives-stop: it reached the host after, and the boot's was a replay)
      const counted = () => world.pinEventsAtHost(zhang.cardNumber).filter((a) => a.outcome === 'ok');
      expect(world.pinEventsAtHost(zhang.cardNumber).map((a) => a.outcome)).toEqual(['ok', 'ok']);
      expect(await world.reported(second.journal, tx)).toEqual(
        expect.arrayContaining(['intent:wrong#1', 'intent:wrong#2', 'done:wrong#1', 'done:wrong#2']),
      );
      // the host's count has both: the next wrong PIN is its third, which flags the card
      const third = await world.host.reportPinEvent(zhang.cardNumber, 'wrong', 'W-after-boot');
      expect(third).toEqual(expect.objectContaining({ recentFailures: 3, flagged: true }));
      expect(wrongPinFlags()).toHaveLength(1);

      // nothing owed any more: a further boot sends nothing
      await second.stop();
      const third_run = await world.run();
      expect(await third_run.reports.resumeAtBoot({ away: false })).toBe(0);
      expect(counted()).toHaveLength(3);
    });

    it('the host still away at the boot: sent in the background once it answers, each once', async () => {
      const tx = await twoWrongPinsThenRestart();
      const second = await world.run();
      const boot = { away: false };
      expect(await second.reports.resumeAtBoot(boot)).toBe(0);
      expect(boot.away).toBe(true);
      world.simulator.faults.clear();
      await eventually(
        async () => (await world.reported(second.journal, tx)).includes('done:wrong#2'),
        'both answered',
        { withinMs: 10_000 },
      );
      // the card's tries ended (nothing more of its outcomes can be sent): each counted once
      await expect(second.retries.drained(pinReportsKey(zhang.cardNumber))).resolves.toBe(true);
      expect(world.pinEventsAtHost(zhang.cardNumber).map((a) => a.outcome)).toEqual(['ok', 'ok']);
    });

    it('the host answered but its answer was not journaled (a crash): sent again at boot, the host counts it once', async () => {
      const first = await world.run();
      const tx = await first.journal.openTransaction('s-1', 'balance');
      // the host slow: the outcome's first send held there until the journal has stopped (the
      // kiosk dies while it is under way), then answered
      const firstSend = world.holdNextPinEvent();
      await first.reports.tell(
        { transactionId: tx },
        zhang.cardNumber,
        { result: 'wrong', attemptsLeft: 2 },
        1,
      );
      await eventually(() => firstSend.arrived(), 'the first send at the host', { withinMs: 10_000 });
      await first.journal.closeTransaction(tx, 'completed', null);
      await journalStopOf(first.db).stop(20);
      firstSend.release();
      await eventually(
        () => world.pinEventsAtHost(zhang.cardNumber).length === 1,
        'the host answered the first send',
        { withinMs: 10_000 },
      );
      await first.stop();

      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(1);
      // the resend is a replay under the same key: the host's count of wrong PINs is 1, not 2
      expect(world.pinEventsAtHost(zhang.cardNumber).map((a) => a.outcome)).toEqual(['ok', 'replay']);
      const next = await world.host.reportPinEvent(zhang.cardNumber, 'wrong', 'W-after-boot');
      expect(next).toEqual(expect.objectContaining({ recentFailures: 2, flagged: false }));
      expect(await world.reported(second.journal, tx)).toEqual(['intent:wrong#1', 'done:wrong#1']);
    });
  },
);
