/**
 * The fault: each PIN outcome told to the host went on its own (its own loop of background tries
 * when the host did not answer), so an outcome the host missed was sent after the card's later
 * ones: the host counted a lock before the wrong PIN that led to it, and flagged the card's wrong
 * PINs after its lock. Now one card's outcomes reach the host in the order the card gave them, one
 * after the other, also when sent again at the next boot. On both journal stores.
 */
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journeyTools } from '../src/journeys/journey-tools.js';
import { PinResetReports, reportPinReset } from '../src/journeys/pin-reset-report.js';
import { journalStores } from './journal-stores.js';
import { eachPinOutcomeWorld, HOST_AWAY, type PinOutcomeWorld, type Run } from './pin-outcome-world.js';

const zhang = demoResident('zhang')!;
const stores = journalStores('pin-outcome-order-kept');

describe.each(stores)("fault: a card's PIN outcomes reach the host out of order (%s)", (_name, makeStore) => {
  let world: PinOutcomeWorld;
  eachPinOutcomeWorld(makeStore, (w) => (world = w));
  beforeEach(async () => {
    // two wrong PINs the host counted already: the next wrong one is its third, which flags the card
    for (const n of [1, 2]) await world.host.reportPinEvent(zhang.cardNumber, 'wrong', `W-before-${n}`);
  });

  /** the host's verdicts on the card, in the order it gave them */
  const verdicts = () =>
    world.simulator.state.anomalies.filter((a) => a.cardNumber === zhang.cardNumber).map((a) => a.detail);

  async function wrongPinWhileHostAway(run: Run, tx: string): Promise<void> {
    world.simulator.faults.set(HOST_AWAY);
    await run.reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 0 }, 1);
    // the host answered it 503 (the outcome goes to the background tries)
    await eventually(world.unanswered, 'the wrong PIN not answered', { withinMs: 10_000 });
  }

  /** The holder resets the card's PIN in a journey of its own; both told, the reset after the wrong PIN of `tx`. */
  async function resetThenWrongPinTold(run: Run, tx: string): Promise<void> {
    await bothTold(run, await resetReported(run, 's-2'), tx);
  }

  /** Both told: the PIN reset of `reset` and the wrong PIN of `tx`. */
  async function bothTold(run: Run, reset: string, tx: string): Promise<void> {
    const resetTold = async () =>
      (await run.journal.stepsOf(reset)).some((s) => s.step === 'host.pinReset' && s.phase === 'done');
    await eventually(resetTold, 'the reset told', { withinMs: 10_000 });
    await eventually(
      async () => (await world.reported(run.journal, tx)).includes('done:wrong#1'),
      'the wrong PIN told',
      { withinMs: 10_000 },
    );
  }

  /** A PIN reset the card took, its report to the host asked for (sent, or handed to the tries). */
  async function resetReported(run: Run, session: string): Promise<string> {
    const reset = await run.journal.openTransaction(session, 'resetPin');
    await run.journal.recordStep(reset, 'card.resetPin', 'intent');
    await run.journal.recordStep(reset, 'card.resetPin', 'done');
    const tools = journeyTools(
      run.journal,
      reset,
      () => 'en',
      () => undefined,
    );
    await reportPinReset({ host: world.host, retries: run.retries }, tools, zhang.cardNumber);
    await run.journal.closeTransaction(reset, 'completed', null);
    return reset;
  }

  /**
   * A first run: the host away, a PIN reset's report owed and a wrong PIN typed after it (in
   * session `b`, owed behind the reset); the kiosk stops, the host is back, the next run starts.
   */
  async function resetOwedThenWrongPinThenRestart(): Promise<{ reset: string; b: string; second: Run }> {
    const first = await world.run();
    world.simulator.faults.set(HOST_AWAY);
    // the host away: the reset's report goes to the background tries, under the card's key
    const reset = await resetReported(first, 's-1');
    // later, the holder types a wrong PIN with the new one on the card: owed behind the reset
    const b = await first.journal.openTransaction('s-2', 'balance');
    await first.reports.tell({ transactionId: b }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1);
    await first.journal.closeTransaction(b, 'failed', 'SESSION_CANCELLED');
    await first.stop();

    world.simulator.faults.clear();
    return { reset, b, second: await world.run() };
  }

  it("the host back before the card's next outcome: the wrong PIN it missed first, then the lock", async () => {
    const run = await world.run();
    run.retries.retry = { firstMs: 300, maxMs: 300 };
    const tx = await run.journal.openTransaction('s-1', 'balance');
    await wrongPinWhileHostAway(run, tx);
    world.simulator.faults.clear();
    await run.reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'blocked' }, 2);
    await eventually(() => verdicts().length === 2, 'both verdicts', { withinMs: 10_000 });
    expect(verdicts()).toEqual(['3 wrong PINs', 'PIN locked on the card']);
    await run.journal.closeTransaction(tx, 'failed', 'PIN_BLOCKED');
    await eventually(
      async () => (await world.reported(run.journal, tx)).includes('done:blocked#2'),
      'both done',
      { withinMs: 10_000 },
    );
  });

  it("a PIN reset while the card's wrong PIN is still owed: the reset after it, the count cleared", async () => {
    const run = await world.run();
    run.retries.retry = { firstMs: 300, maxMs: 300 };
    const tx = await run.journal.openTransaction('s-1', 'balance');
    await wrongPinWhileHostAway(run, tx);
    await run.journal.closeTransaction(tx, 'failed', 'PIN_BLOCKED');
    // the host back; the holder resets the PIN in a journey of its own
    world.simulator.faults.clear();
    await resetThenWrongPinTold(run, tx);
    // the reset cleared the wrong PINs before it, the one it waited for too: the next is the first
    const next = await world.host.reportPinEvent(zhang.cardNumber, 'wrong', 'W-after-reset');
    expect(next).toEqual(expect.objectContaining({ recentFailures: 1, flagged: false }));
  });

  it("a PIN reset while the card's wrong PIN is still on its way to a slow host: the reset after it", async () => {
    const run = await world.run();
    const tx = await run.journal.openTransaction('s-1', 'balance');
    // the host slow: the wrong PIN's send held there, unanswered, until released
    const wrongPin = world.holdNextPinEvent();
    await run.reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 0 }, 1);
    await run.journal.closeTransaction(tx, 'failed', 'PIN_BLOCKED');
    await eventually(wrongPin.arrived, 'the wrong PIN held at the host', { withinMs: 10_000 });
    // the reset reported while the wrong PIN is at the host, then the host answers that
    const reset = await resetReported(run, 's-2');
    wrongPin.release();
    await bothTold(run, reset, tx);
    const next = await world.host.reportPinEvent(zhang.cardNumber, 'wrong', 'W-after-reset');
    expect(next).toEqual(expect.objectContaining({ recentFailures: 1, flagged: false }));
  });

  it("a restart before the host answered: the next boot sends them in the card's order, across sessions", async () => {
    const first = await world.run();
    const a = await first.journal.openTransaction('s-1', 'balance');
    await wrongPinWhileHostAway(first, a);
    await first.journal.closeTransaction(a, 'failed', 'SESSION_CANCELLED');
    const b = await first.journal.openTransaction('s-2', 'balance');
    await first.reports.tell({ transactionId: b }, zhang.cardNumber, { result: 'blocked' }, 1);
    await first.journal.closeTransaction(b, 'failed', 'PIN_BLOCKED');
    await first.stop();

    world.simulator.faults.clear();
    const second = await world.run();
    expect(await second.reports.resumeAtBoot({ away: false })).toBe(2);
    expect(verdicts()).toEqual(['3 wrong PINs', 'PIN locked on the card']);
  });

  it("a restart with a PIN reset's report owed and a wrong PIN typed after it: the next boot sends the reset first", async () => {
    const { second } = await resetOwedThenWrongPinThenRestart();
    const resets = new PinResetReports(second.journal, second.db, world.host, second.retries);
    // as the boot's recovery resumes them (`settleHostLeftoversAtBoot`)
    expect(await second.reports.resumeAtBoot({ away: false }, resets)).toBe(2);
    // the reset cleared the two wrong PINs before it; the one after it counts: the next is the second
    expect(verdicts()).toEqual([]);
    const next = await world.host.reportPinEvent(zhang.cardNumber, 'wrong', 'W-after-boot');
    expect(next).toEqual(expect.objectContaining({ recentFailures: 2, flagged: false }));
  });

  it("a restart with a PIN reset's report owed whose sealed card number does not open: the card's outcomes still sent at boot, the reset left", async () => {
    const { reset, b, second } = await resetOwedThenWrongPinThenRestart();
    // the reset's seal broken (a tampered row): its card number does not open
    await second.db.query(
      `UPDATE "journal_personal_data" SET "sealed" = 'AAAA' WHERE "transactionId" = '${reset}'`,
    );
    const resets = new PinResetReports(second.journal, second.db, world.host, second.retries);
    expect(await second.reports.resumeAtBoot({ away: false }, resets)).toBe(1);
    // the wrong PIN told (the host's third: flagged), the reset that cannot be told left
    expect(verdicts()).toEqual(['3 wrong PINs']);
    expect(await world.reported(second.journal, b)).toContain('done:wrong#1');
  });
});
