/**
 * The fault: a PIN outcome the host refused was read again at every boot. A refusal stands (the
 * host answered with a code: journaled failed, `triedAgain: false`, never sent again), but the
 * boot's query of what is owed counted only dones against intents, so every transaction with a
 * refused outcome was named at each boot and its steps read, only to find nothing owed: a cost to
 * the time to ready (issue 3) that grows with the journal's history. Now a refusal that stands
 * settles its outcome in that query too; a transaction with an outcome still owed beside a refused
 * one is still named. On both journal stores (SQLite file, PostgreSQL).
 */
import { jest } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { pinReportsKey } from '../src/journeys/pin-reports-key.js';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, HOST_AWAY, type PinOutcomeWorld, type Run } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
// a card the host does not know: it refuses its PIN events (CARD_NOT_FOUND)
const UNKNOWN_CARD = 'H00000000000';
const stores = journalStores('pin-outcome-refusal-read-at-every-boot');

describe.each(stores)('fault: a refused PIN outcome is read again at every boot (%s)', (_name, makeStore) => {
  let world: PinOutcomeWorld;
  let sessions = 0;
  eachPinOutcomeWorld(makeStore, (w) => (world = w));

  /** A session with one wrong PIN of `card`, closed, its outcome then journaled answered or failed. */
  async function session(run: Run, card: string): Promise<string> {
    sessions += 1;
    const tx = await run.journal.openTransaction(`s-${sessions}`, 'balance');
    await run.reports.tell({ transactionId: tx }, card, { result: 'wrong', attemptsLeft: 2 }, 1);
    await run.journal.closeTransaction(tx, 'completed', null);
    await eventually(async () => (await world.reported(run.journal, tx)).length === 2, 'answered or failed', {
      withinMs: 10_000,
    });
    return tx;
  }

  /** The boot's resend at a run, with the transactions whose steps it read. */
  async function boot(run: Run): Promise<{ answered: number; read: string[] }> {
    const stepsOf = jest.spyOn(run.journal, 'stepsOf');
    const answered = await run.reports.resumeAtBoot({ away: false });
    const read = stepsOf.mock.calls.map(([tx]) => tx);
    stepsOf.mockRestore();
    return { answered, read };
  }

  it('the boot reads only the transactions with an outcome still owed, none once all are answered or refused', async () => {
    const first = await world.run();
    // no background try after a first failure: what the host missed stays owed for the boot
    first.retries.retry = { firstMs: 60_000, maxMs: 60_000 };
    const refused = await session(first, UNKNOWN_CARD);
    const answered = await session(first, zhang.cardNumber);
    world.simulator.faults.set(HOST_AWAY);
    const owed = await session(first, zhang.cardNumber);
    world.simulator.faults.clear();
    // a refused outcome and, the host away, one owed beside it in the same session (the refusal
    // is journaled with the session's next write)
    const mixed = await first.journal.openTransaction('s-mixed', 'balance');
    await first.reports.tell({ transactionId: mixed }, UNKNOWN_CARD, { result: 'wrong', attemptsLeft: 2 }, 1);
    const refusals = () => world.simulator.state.audit.filter((a) => a.outcome === 'CARD_NOT_FOUND').length;
    await eventually(() => refusals() === 2, 'the host refused it', { withinMs: 10_000 });
    // and the kiosk took the refusal in (held for the session's next write) before the next
    // outcome's intent is written: the card's tries drained, not only the host's answer sent
    expect(await first.retries.drained(pinReportsKey(UNKNOWN_CARD))).toBe(true);
    world.simulator.faults.set(HOST_AWAY);
    await first.reports.tell({ transactionId: mixed }, UNKNOWN_CARD, { result: 'wrong', attemptsLeft: 1 }, 2);
    await first.journal.closeTransaction(mixed, 'completed', null);
    await eventually(
      async () => (await world.reported(first.journal, mixed)).length === 4,
      'the second failed',
      { withinMs: 10_000 },
    );
    expect(await world.reported(first.journal, mixed)).toEqual([
      'intent:wrong#1',
      'failed:wrong#1',
      'intent:wrong#2',
      'failed:wrong#2',
    ]);
    await first.stop();
    world.simulator.faults.clear();

    const second = await world.run();
    const atSecond = await boot(second);
    // zhang's owed outcome answered; the mixed session's second sent and refused, which stands
    expect(atSecond.answered).toBe(1);
    expect([...new Set(atSecond.read)].sort()).toEqual([owed, mixed].sort());
    expect(atSecond.read).not.toContain(refused);
    expect(atSecond.read).not.toContain(answered);
    expect(await world.reported(second.journal, owed)).toContain('done:wrong#1');
    await eventually(
      async () =>
        (await world.reported(second.journal, mixed)).filter((r) => r === 'failed:wrong#2').length === 2,
      'the resend refused',
      { withinMs: 10_000 },
    );
    await second.stop();

    const third = await world.run();
    expect(await boot(third)).toEqual({ answered: 0, read: [] });
  });
});
