/**
 * Faults at boot around a withdrawal the host still holds: the host down while the kiosk boots
 * (the sweep of held withdrawals is tried again in the background once the host answers, not left
 * to the next boot), and a journey's reversal or confirm journaled and not done when the kiosk
 * stopped (resumed at boot as a release is: the same act under the same key, once).
 *
 * The real journal, the embedded host simulator and the dispenser emulator
 * (`withdrawal-settlement.spec-support.ts`).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { SWEEP_KEY } from './withdrawal-boot-settlement.js';
import { confirmAtHost } from './withdrawal-host-settlement.js';
import { AMOUNT, isDone, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

const li = demoResident('li')!;

const recoverySteps = async (w: { steps: () => Promise<string[]> }) =>
  (await w.steps()).filter((s) => s.startsWith('recovery.withdrawal.'));

describe('the host down at boot, then back: held withdrawals settled without a second restart', () => {
  it('a withdrawal held with no reversal of its own: the sweep runs in the background once the host is back, reversed once', async () => {
    const w = await world();
    await w.presented();
    await w.retracted();
    // the session ended before its reversal was journaled: only the sweep of held withdrawals finds it
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.retrier.retries.onApplicationShutdown(); // the kiosk stops

    const retrier = w.newRetrier();
    // the host down at boot: recovery ends, nothing undecided, so the kiosk goes in service
    await expect(w.boot(retrier, true)).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(retrier.retries.owns(SWEEP_KEY)).toBe(true);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('authorised');

    w.link.down = false;
    await eventually(() => isDone('recovery.withdrawal.reverse')(w), 'the sweep reversed it', {
      withinMs: 10_000,
    });
    await eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the sweep ran once', {
      withinMs: 10_000,
    });
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
  });

  it('a session open when the late sweep runs is left alone: its withdrawal stays held for it', async () => {
    const w = await world();
    await w.presented();
    await w.retracted();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.retrier.retries.onApplicationShutdown();
    const retrier = w.newRetrier();
    await expect(w.boot(retrier, true)).resolves.toMatchObject({ withdrawalsSettled: 0 });

    // in service meanwhile: a resident's withdrawal authorised while the sweep waits for the host
    const session = await w.journal.openTransaction('s2', 'withdraw');
    await w.journal.recordStep(session, 'withdrawal.authorise', 'intent', { amountFen: 10_000 });
    await w.host.authoriseWithdrawal({
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 10_000,
      transactionSerial: session,
    });
    w.link.down = false;
    await eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the sweep ran once', {
      withinMs: 10_000,
    });

    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('reversed');
    expect((await w.host.withdrawalByKey(session))?.status).toBe('authorised');
    expect((await w.journal.stepsOf(session)).map((s) => s.step)).toEqual(['withdrawal.authorise']);
  });

  it("the journey's reversal unfinished too: resumed in the background, reversed once, the sweep leaves it alone", async () => {
    const w = await world();
    await w.reversalUnansweredThenStopped();

    const retrier = w.newRetrier();
    await expect(w.boot(retrier, true)).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(retrier.retries.owns(w.tx)).toBe(true);

    w.link.down = false;
    await eventually(() => isDone('withdrawal.reverse')(w), 'the reversal done', { withinMs: 10_000 });
    await eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the sweep ran once', {
      withinMs: 10_000,
    });
    expect(await recoverySteps(w)).toEqual([]);
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });
});

describe('a journey reversal or confirm unfinished when the kiosk stopped: resumed at boot once', () => {
  it('an unfinished reverse intent: the same reversal sent again at boot, journaled done, nothing at a second boot', async () => {
    const w = await world(60_000);
    await w.reversalUnansweredThenStopped();
    w.link.down = false;
    const triesBefore = w.link.tries;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(w.link.tries).toBe(triesBefore + 1);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.reverse:'))).toEqual([
      'withdrawal.reverse:intent',
      'withdrawal.reverse:failed',
      'withdrawal.reverse:done',
    ]);
    expect(await recoverySteps(w)).toEqual([]);

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.link.tries).toBe(triesBefore + 1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before);
  });

  it('an unfinished confirm intent: confirmed at boot once, never reversed', async () => {
    const w = await world(60_000);
    const authorisationId = await w.presented();
    await w.taken();
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(await w.steps()).toContain('withdrawal.confirm:done');
    expect(await recoverySteps(w)).toEqual([]);
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
  });

  it('an unfinished confirm after a partial count whose reversal the host did not answer: reversed first, then confirmed, once', async () => {
    const w = await world(60_000);
    const authorisationId = await w.presented();
    await w.taken();
    const paidFen = AMOUNT - 10_000;
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, paidFen, 10_000)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ status: 'confirmed', reversedFen: 10_000 });
    expect(await recoverySteps(w)).toEqual([]);
    expect(w.balance()).toBe(w.before - paidFen);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });
});
