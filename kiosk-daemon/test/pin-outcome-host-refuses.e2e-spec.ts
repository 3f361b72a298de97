/**
 * The fault to keep away now that PIN outcomes owed to the host are journaled and sent again at
 * boot: an outcome the host refused (it answered, with a code: a card it does not know) would be
 * owed for ever, sent at every boot. A refusal stands: journaled failed with its code, not tried
 * again in the background nor at the next boot, and the card's outcomes after it still go. On both
 * journal stores.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { pinReportsKey } from '../src/journeys/pin-reports-key.js';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, type PinOutcomeWorld } from './pin-outcome-world.js';

const UNKNOWN_CARD = 'H00000000000';
const stores = journalStores('pin-outcome-host-refuses');

describe.each(stores)('fault: a PIN outcome the host refused is sent for ever (%s)', (_name, makeStore) => {
  let world: PinOutcomeWorld;
  eachPinOutcomeWorld(makeStore, (w) => (world = w));

  // the PIN events the host got and refused (a resend under the same key: a replay of the refusal)
  const refusedAtHost = () =>
    world.simulator.state.audit.filter(
      (a) =>
        a.action.includes('pin-events') && (a.outcome === ErrorCode.CARD_NOT_FOUND || a.outcome === 'replay'),
    );

  it('refused: journaled failed with its code, not tried again, not sent again at the next boot', async () => {
    const first = await world.run();
    const tx = await first.journal.openTransaction('s-1', 'balance');
    await first.reports.tell({ transactionId: tx }, UNKNOWN_CARD, { result: 'wrong', attemptsLeft: 2 }, 1);
    await first.journal.closeTransaction(tx, 'completed', null);
    await eventually(
      async () => (await world.reported(first.journal, tx)).length === 2,
      'the refusal journaled',
      { withinMs: 10_000 },
    );
    expect(await world.reported(first.journal, tx)).toEqual(['intent:wrong#1', 'failed:wrong#1']);
    const failed = (await first.journal.stepsOf(tx)).at(-1)!;
    expect(JSON.parse(failed.detail!)).toEqual({
      outcome: 'wrong',
      attempt: 1,
      code: ErrorCode.CARD_NOT_FOUND,
      triedAgain: false,
    });
    expect(first.retries.owns(pinReportsKey(UNKNOWN_CARD))).toBe(false);
    await first.stop();

    for (const _boot of [1, 2]) {
      const run = await world.run();
      expect(await run.reports.resumeAtBoot({ away: false })).toBe(0);
      await run.stop();
    }
    expect(refusedAtHost()).toHaveLength(1);
  });

  it("a refusal in the background ends that outcome only: the card's next one is sent after it", async () => {
    const run = await world.run();
    const tx = await run.journal.openTransaction('s-1', 'balance');
    world.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    // the first's send held at the host until the second is journaled owed: its failure, held for
    // the session's next write, comes after the second's intent whatever the machine's speed
    const firstSend = world.holdNextPinEvent();
    await run.reports.tell({ transactionId: tx }, UNKNOWN_CARD, { result: 'wrong', attemptsLeft: 2 }, 1);
    await run.reports.tell({ transactionId: tx }, UNKNOWN_CARD, { result: 'wrong', attemptsLeft: 1 }, 2);
    await eventually(() => firstSend.arrived(), 'the first sent', { withinMs: 10_000 });
    firstSend.release();
    await run.journal.closeTransaction(tx, 'completed', null);
    await eventually(world.unanswered, 'the first not answered', { withinMs: 10_000 });
    world.simulator.faults.clear();
    await eventually(
      async () => (await world.reported(run.journal, tx)).includes('failed:wrong#2'),
      'the second refused',
      { withinMs: 10_000 },
    );
    expect(await world.reported(run.journal, tx)).toEqual([
      'intent:wrong#1',
      'intent:wrong#2',
      'failed:wrong#1', // the first failure: the host away
      'failed:wrong#1', // its refusal, once the host answered
      'failed:wrong#2',
    ]);
    // the card's tries ended (nothing more of its outcomes can be sent): each refused once
    await expect(run.retries.drained(pinReportsKey(UNKNOWN_CARD))).resolves.toBe(true);
    expect(refusedAtHost()).toHaveLength(2);
  });
});
