/**
 * Fault: a withdrawal's reversal or confirm left to the next boot. The notes were retracted (not
 * taken) or taken, and the host was down or did not answer in time when the kiosk told it: the
 * resident's money stayed held (reversal) or the host never learned the withdrawal was paid
 * (confirm) until the recovery sweep of the kiosk's next boot, days away on a kiosk not
 * restarted. The same journaled act, under the same idempotency key, is now tried again in the
 * background until the host answers, journaled done. A restart in between:
 * `withdrawal-settled-after-restart.spec.ts`.
 *
 * The real journal, the embedded host simulator and the dispenser emulator
 * (`withdrawal-settlement.spec-support.ts`).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostRetry } from '../host/journaled-host-retries.js';
import { longestPausePassed } from '../host/longest-pause-passed.spec-support.js';
import { confirmAtHost, reverseAtHost } from './withdrawal-host-settlement.js';
import { AMOUNT, isDone, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

const UNANSWERED = new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');

describe('withdrawal reversal and confirm the host did not answer, settled in the background', () => {
  it('reversal after notes retracted with the host down, then the host back: reversed once without a restart', async () => {
    const w = await world();
    await w.reversalUnanswered();
    expect(w.retrier.retries.owns(w.tx)).toBe(true);
    expect(w.balance()).toBe(w.before - AMOUNT);
    // several background tries while the host is down (the journey's try, then at least two more)
    await eventually(
      async () => w.link.tries > 2,
      'two background tries of the reversal while the host is down',
      { withinMs: 10_000 },
    );
    expect(w.balance()).toBe(w.before - AMOUNT);

    w.link.down = false;
    await eventually(() => isDone('withdrawal.reverse')(w), 'the reversal done', { withinMs: 10_000 });
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.retrier.retries.owns(w.tx)).toBe(false);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('reversed');
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.reverse:'))).toEqual([
      'withdrawal.reverse:intent',
      'withdrawal.reverse:failed', // the journey's try; the background tries are not journaled
      'withdrawal.reverse:done',
    ]);
    const done = (await w.journal.stepsOf(w.tx)).find(
      (s) => s.step === 'withdrawal.reverse' && s.phase === 'done',
    );
    expect(JSON.parse(done!.detail!)).toMatchObject({ hostStatus: 'reversed', balanceAfterFen: w.before });
  });

  it('confirm with the host down, then back: confirmed once, never reversed', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    expect(w.retrier.retries.owns(w.tx)).toBe(true);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('authorised');

    w.link.down = false;
    await eventually(() => isDone('withdrawal.confirm')(w), 'the confirm done', { withinMs: 10_000 });
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect(w.simulator.state.ledger.isBalanced()).toBe(true);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.'))).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:done',
      'withdrawal.authorised:event',
      'withdrawal.confirm:intent',
      'withdrawal.confirm:failed',
      'withdrawal.confirm:done',
    ]);
  });

  it('confirm timed out after the host paid it out: sent again under the same key, the host answers it once', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();
    w.link.down = false;
    w.link.answerLost = true;

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_TIMEOUT,
    });
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    w.link.answerLost = false;
    await eventually(() => isDone('withdrawal.confirm')(w), 'the confirm done', { withinMs: 10_000 });
    // a second confirm would have been refused (nothing held): the host replayed its answer
    const done = (await w.journal.stepsOf(w.tx)).find(
      (s) => s.step === 'withdrawal.confirm' && s.phase === 'done',
    );
    expect(JSON.parse(done!.detail!)).toMatchObject({ hostStatus: 'confirmed' });
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('partial dispense with the host down at its reversal: the confirm is journaled, then both are sent once the host is back', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();
    const paidFen = AMOUNT - 10_000;

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, paidFen, 10_000)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    // journal first: the confirm the journey never reached is journaled before it is sent
    expect((await w.steps()).slice(-3)).toEqual([
      'withdrawal.reverse:intent',
      'withdrawal.reverse:failed',
      'withdrawal.confirm:intent',
    ]);

    w.link.down = false;
    await eventually(() => isDone('withdrawal.confirm')(w), 'the confirm done', { withinMs: 10_000 });
    const view = await w.host.withdrawalByKey(w.tx);
    expect(view).toMatchObject({ status: 'confirmed', reversedFen: 10_000 });
    expect(w.balance()).toBe(w.before - paidFen);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('the host refusing the reversal is an answer: not tried again, left to the sweep at boot', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.retracted();
    w.link.down = false;
    await w.host.reverseWithdrawal(authorisationId, 'staff-settled', { reason: 'cancelled' });

    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED });
    expect(w.retrier.retries.owns(w.tx)).toBe(false);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('the sweep at boot leaves a reversal still tried in the background alone: reversed once', async () => {
    const w = await world();
    await w.reversalUnanswered();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);

    // recovery with the host reachable while this kiosk's background tries still own the serial
    await expect(w.boot(w.retrier)).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(0);

    w.link.down = false;
    await eventually(() => isDone('withdrawal.reverse')(w), 'the reversal done', { withinMs: 10_000 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });

  /** The confirm of `authorisationId` as the journey hands it over, its tries counted. */
  const confirmAct = (w: Awaited<ReturnType<typeof world>>, authorisationId: string) => {
    const act = {
      sends: 0,
      retry: {
        step: 'withdrawal.confirm',
        intent: { paidFen: AMOUNT },
        send: async () => {
          act.sends += 1;
          return { hostStatus: (await w.deps.host.confirmWithdrawal(authorisationId, w.tx)).status };
        },
      } satisfies HostRetry,
    };
    return act;
  };

  it('the same act handed to the background twice: tried by one loop, done once, one outcome journaled', async () => {
    const w = await world();
    const confirm = confirmAct(w, await w.presented());
    await w.taken();
    await expect(w.retrier.retries.retryLater(w.tx, UNANSWERED, confirm.retry)).resolves.toBe(true);
    await expect(w.retrier.retries.retryLater(w.tx, UNANSWERED, confirm.retry)).resolves.toBe(true);
    await eventually(async () => confirm.sends >= 2, 'two background tries while the host is down', {
      withinMs: 10_000,
    });
    await expect(w.retrier.retries.retryLater(w.tx, UNANSWERED, confirm.retry)).resolves.toBe(true);

    const sendsWhileDown = confirm.sends;
    w.link.down = false;
    await eventually(
      async () => (await isDone('withdrawal.confirm')(w)) && !w.retrier.retries.owns(w.tx),
      'the confirm done',
      { withinMs: 10_000 },
    );
    // a second loop would have sent its next try by the time a probe waited the longest pause out
    await longestPausePassed(w.retrier.retries);
    expect(confirm.sends - sendsWhileDown).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.confirm:'))).toEqual([
      'withdrawal.confirm:intent',
      'withdrawal.confirm:done',
    ]);
  });

  it('the same act handed to the background twice at once, before its intent is journaled: one intent, one loop', async () => {
    const w = await world();
    const confirm = confirmAct(w, await w.presented());
    await w.taken();
    await expect(
      Promise.all([
        w.retrier.retries.retryLater(w.tx, UNANSWERED, confirm.retry),
        w.retrier.retries.retryLater(w.tx, UNANSWERED, confirm.retry),
      ]),
    ).resolves.toEqual([true, true]);

    w.link.down = false;
    await eventually(
      async () => (await isDone('withdrawal.confirm')(w)) && !w.retrier.retries.owns(w.tx),
      'the confirm done',
      { withinMs: 10_000 },
    );
    await longestPausePassed(w.retrier.retries);
    expect(confirm.sends).toBe(1);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.confirm:'))).toEqual([
      'withdrawal.confirm:intent',
      'withdrawal.confirm:done',
    ]);
  });

  it('a key handed to the background again after its loop ended: tried anew', async () => {
    const w = await world();
    w.link.down = false;
    let sends = 0;
    const act: HostRetry = {
      step: 'withdrawal.sweep',
      unjournaled: true,
      send: async () => {
        sends += 1;
        return {};
      },
    };
    await w.retrier.retries.retryLater('k', UNANSWERED, act);
    await eventually(async () => !w.retrier.retries.owns('k'), 'the first loop ended', { withinMs: 10_000 });
    await expect(w.retrier.retries.retryLater('k', UNANSWERED, act)).resolves.toBe(true);
    expect(w.retrier.retries.owns('k')).toBe(true);
    await eventually(async () => !w.retrier.retries.owns('k'), 'the second loop ended', { withinMs: 10_000 });
    expect(sends).toBe(2);
  });
});
