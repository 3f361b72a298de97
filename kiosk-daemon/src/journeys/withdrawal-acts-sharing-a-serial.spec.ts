/**
 * Fault: two acts of one withdrawal handed to the background tries under its serial. The tries ran
 * one loop per serial and an act of another step handed over while the serial was tried joined
 * that loop: it was never sent (a release after a partial reversal left the rest held until the
 * next boot's sweep), and one that settles the money the other way (a confirm while the reversal
 * is tried) was only logged, its intent left unfinished in the journal, so a restart before the
 * reversal reached the host had the boot confirm it: the resident's money paid out though the
 * notes went back. Now the serial's acts are tried one after the other (the second once the first
 * is done), and one that conflicts is refused: never sent, journaled failed
 * WITHDRAWAL_ALREADY_SETTLED with the act that stands, and the boot's resumes honour that.
 *
 * The real journal, the embedded host simulator behind a link the spec takes down, the dispenser
 * emulator (`withdrawal-settlement.spec-support.ts`).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostRetry } from '../host/journaled-host-retries.js';
import { longestPausePassed } from '../host/longest-pause-passed.spec-support.js';
import { RELEASE_STEP } from './withdrawal-hold-release.js';
import { confirmAtHost, reverseAtHost } from './withdrawal-host-settlement.js';
import { AMOUNT, isDone, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

const UNANSWERED = new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
const PART = 10_000;

/** The serial's release as the hold release hands it over, its sends counted. */
function releaseAct(w: Awaited<ReturnType<typeof world>>) {
  const act = {
    sends: 0,
    retry: {
      step: RELEASE_STEP,
      settles: 'givenBack',
      intent: { amountFen: AMOUNT - PART, reason: 'cancelled' },
      send: async () => {
        act.sends += 1;
        if (w.link.down) throw UNANSWERED;
        const [after] = await w.host.releaseWithdrawalHold(w.tx, 'cancelled');
        return { hostStatus: after?.status ?? 'nothing held', reversedFen: after?.reversedFen ?? 0 };
      },
    } satisfies HostRetry,
  };
  return act;
}

/** The notes retracted, the reversal unanswered (tried in the background), then the confirm handed over too. */
async function confirmWhileReversalTried(w: Awaited<ReturnType<typeof world>>) {
  const authorisationId = await w.reversalUnanswered();
  await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
    code: ErrorCode.HOST_UNREACHABLE,
  });
}

/** The notes retracted, a partial reversal unanswered (tried in the background). */
async function partReversalUnanswered(w: Awaited<ReturnType<typeof world>>) {
  const authorisationId = await w.presented();
  await w.retracted();
  await expect(
    reverseAtHost(w.deps, w.tools, authorisationId, PART, ErrorCode.CASH_NOT_TAKEN),
  ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
}

describe('two acts of one withdrawal under its serial in the background tries', () => {
  it('the second act not lost: a release handed over while a partial reversal is tried is sent once the reversal is done, without a restart', async () => {
    const w = await world();
    await partReversalUnanswered(w);
    const release = releaseAct(w);
    await expect(w.retrier.retries.retryLater(w.tx, UNANSWERED, release.retry)).resolves.toBe(true);
    await eventually(
      async () => w.link.tries > 2,
      'two background tries of the reversal while the host is down',
      { withinMs: 10_000 },
    );
    expect(release.sends).toBe(0);

    w.link.down = false;
    await eventually(
      async () => (await isDone(RELEASE_STEP)(w)) && !w.retrier.retries.owns(w.tx),
      'the release done after the reversal',
      { withinMs: 10_000 },
    );
    expect(release.sends).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(2);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    const settled = (await w.steps()).filter((s) => s.endsWith(':done') && s.startsWith('withdrawal.'));
    expect(settled).toEqual(['withdrawal.authorise:done', 'withdrawal.reverse:done', `${RELEASE_STEP}:done`]);
  });

  it('the second act refused by the host once the first gave the money back: its refusal journaled, nothing given back twice', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.retracted();
    await expect(w.retrier.retries.retryLater(w.tx, UNANSWERED, releaseAct(w).retry)).resolves.toBe(true);
    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });

    w.link.down = false;
    await eventually(async () => !w.retrier.retries.owns(w.tx), 'both acts ended', { withinMs: 10_000 });
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    const reverse = (await w.journal.stepsOf(w.tx)).filter((s) => s.step === 'withdrawal.reverse');
    expect(reverse.map((s) => [s.phase, JSON.parse(s.detail!) as unknown])).toEqual([
      ['intent', { amountFen: AMOUNT, reason: ErrorCode.CASH_NOT_TAKEN }],
      ['failed', { code: ErrorCode.HOST_UNREACHABLE }],
      ['failed', { code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED, triedAgain: false }],
    ]);
  });

  it('conflicting acts not both sent: a confirm handed over while the reversal is tried is refused and journaled, the reversal stands', async () => {
    const w = await world();
    const confirms = jest.spyOn(w.deps.host, 'confirmWithdrawal');
    await confirmWhileReversalTried(w);
    expect(confirms).toHaveBeenCalledTimes(1); // the journey's own try, unanswered

    w.link.down = false;
    await eventually(
      async () => (await isDone('withdrawal.reverse')(w)) && !w.retrier.retries.owns(w.tx),
      'the reversal done',
      { withinMs: 10_000 },
    );
    // a confirm tried after the reversal would be sent by the time a probe waited the longest pause out
    await longestPausePassed(w.retrier.retries);
    expect(confirms).toHaveBeenCalledTimes(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    const refused = (await w.journal.stepsOf(w.tx)).filter(
      (s) => s.step === 'withdrawal.confirm' && s.phase === 'failed',
    );
    expect(refused.map((s) => JSON.parse(s.detail!) as unknown)).toEqual([
      { code: ErrorCode.HOST_UNREACHABLE },
      { code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED, conflictsWith: 'withdrawal.reverse', triedAgain: false },
    ]);
  });

  it('a restart while the reversal is tried and the conflicting confirm refused: the boot reverses, never pays, nothing at a second boot', async () => {
    const w = await world();
    await confirmWhileReversalTried(w);
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.link.down = false;

    await w.boot();
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('reversed');

    await w.boot();
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('a restart while the second act waits its turn: the boot sends both, the hold given back once', async () => {
    const w = await world();
    await partReversalUnanswered(w);
    await w.retrier.retries.retryLater(w.tx, UNANSWERED, releaseAct(w).retry);
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.link.down = false;

    await w.boot();
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    // the waiting release was journaled before its turn: resumed as itself, not left to the sweep
    expect(await w.steps()).toContain(`${RELEASE_STEP}:done`);
    await w.boot();
    expect(w.balance()).toBe(w.before);
    expect(w.simulator.state.ledger.isBalanced()).toBe(true);
  });
});
