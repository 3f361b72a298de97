/**
 * The fault: a PIN outcome whose commit the journal refused (a full disk, the database link down)
 * was told to the host anyway, but only from memory: nothing owed was journaled, so a restart
 * before the host answered lost it, and the office's count of wrong PINs stayed short. And the
 * host's answer to it was journaled done without its intent, which hid an outcome of the same
 * session still owed from the next boot (the boot counts intents against dones). Now the outcome is
 * told anyway and journaled owed before each of its tries until the journal takes it; its answer is
 * journaled only once its intent is (ADR 0006). The journal refuses for real: its store refuses
 * every step written (a trigger on SQLite, a check on PostgreSQL), then takes them again.
 */
import { demoResident, ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, HOST_AWAY, type PinOutcomeWorld, type Run } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
const stores = journalStores('pin-outcome-journal-refused-lost-at-restart');

/** The journal's store refuses every step written (`on`), or takes them again. */
async function storeRefusesSteps(run: Run, on: boolean): Promise<void> {
  const sqlite = run.db.options.type !== 'postgres';
  if (sqlite) {
    await run.db.query(
      on
        ? `CREATE TRIGGER refuse_steps BEFORE INSERT ON journal_step BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`
        : `DROP TRIGGER refuse_steps`,
    );
  } else {
    await run.db.query(
      on
        ? `ALTER TABLE journal_step ADD CONSTRAINT refuse_steps CHECK (false) NOT VALID`
        : `ALTER TABLE journal_step DROP CONSTRAINT refuse_steps`,
    );
  }
}

describe.each(stores)(
  'fault: a PIN outcome the journal refused is lost at a restart (%s)',
  (_name, makeStore) => {
    let world: PinOutcomeWorld;
    eachPinOutcomeWorld(makeStore, (w) => (world = w));

    const counted = () => world.pinEventsAtHost(zhang.cardNumber).filter((a) => a.outcome === 'ok');

    it('the host away: the outcome is journaled owed once the journal takes it again, and sent at the next boot', async () => {
      const first = await world.run();
      const tx = await first.journal.openTransaction('s-1', 'balance');
      world.simulator.faults.set(HOST_AWAY);
      await storeRefusesSteps(first, true);
      await expect(
        first.reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1),
      ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
      // told anyway: the host did not answer
      await eventually(world.unanswered, 'told anyway', { withinMs: 10_000 });
      await storeRefusesSteps(first, false);
      await first.journal.closeTransaction(tx, 'failed', ErrorCode.JOURNAL_WRITE_FAILED);
      await eventually(
        async () => (await world.reported(first.journal, tx)).includes('intent:wrong#1'),
        'journaled owed at a next try',
        { withinMs: 10_000 },
      );
      await first.stop();

      world.simulator.faults.clear();
      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(1);
      expect(counted()).toHaveLength(1);
      expect(await world.reported(second.journal, tx)).toEqual([
        'intent:wrong#1',
        'failed:wrong#1',
        'done:wrong#1',
      ]);
    });

    it("the host answered it while the journal refused: no answer journaled without its intent, and the session's next outcome owed is sent at the next boot", async () => {
      const first = await world.run();
      const tx = await first.journal.openTransaction('s-1', 'balance');
      await storeRefusesSteps(first, true);
      await expect(
        first.reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1),
      ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
      await eventually(() => counted().length === 1, 'told anyway, and counted', { withinMs: 10_000 });
      await storeRefusesSteps(first, false);
      // the next entry of the session, the host away: owed
      world.simulator.faults.set(HOST_AWAY);
      await first.reports.tell(
        { transactionId: tx },
        zhang.cardNumber,
        { result: 'wrong', attemptsLeft: 1 },
        2,
      );
      await eventually(world.unanswered, 'the second not answered', { withinMs: 10_000 });
      await first.journal.closeTransaction(tx, 'completed', null);
      await eventually(
        async () => (await world.reported(first.journal, tx)).includes('failed:wrong#2'),
        'its failure journaled',
        { withinMs: 10_000 },
      );
      // the first's answer not journaled: it would hide the second from the boot
      expect(await world.reported(first.journal, tx)).toEqual(['intent:wrong#2', 'failed:wrong#2']);
      await first.stop();

      world.simulator.faults.clear();
      const second = await world.run();
      expect(await second.reports.resumeAtBoot({ away: false })).toBe(1);
      expect(counted()).toHaveLength(2);
    });
  },
);
