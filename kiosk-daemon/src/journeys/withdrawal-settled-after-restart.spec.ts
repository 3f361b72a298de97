/**
 * Fault: a withdrawal's reversal or confirm the host did not answer, and the kiosk restarted
 * before the background tries reached it. The sweep of held withdrawals at boot settles it once,
 * the same way the journey meant (a confirm stays a confirm), and nothing more at a second boot;
 * a background try that reached the host before the restart is not repeated.
 *
 * The real journal, the embedded host simulator and the dispenser emulator
 * (`withdrawal-settlement.spec-support.ts`).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { confirmAtHost } from './withdrawal-host-settlement.js';
import { AMOUNT, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

describe('a restart before the host answered: the sweep at boot settles it once over two boots', () => {
  it('reversal after notes retracted, the host down until a restart: reversed once, not twice', async () => {
    const w = await world(60_000);
    await w.reversalUnansweredThenStopped();
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(w.balance()).toBe(w.before);
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
  });

  it('confirm with the host down until a restart: confirmed at boot once, never reversed', async () => {
    const w = await world(60_000);
    const authorisationId = await w.presented();
    await w.taken();
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    w.retrier.retries.onApplicationShutdown();
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
  });

  it('a background confirm that reached the host before the restart, its done not journaled: nothing more at either boot', async () => {
    const w = await world(5);
    const authorisationId = await w.presented();
    await w.taken();
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    w.link.down = false;
    w.link.answerLost = true; // the background try reaches the host; its answer is lost
    await eventually(
      async () => (await w.host.withdrawalByKey(w.tx))?.status === 'confirmed',
      'host confirmed',
      { withinMs: 10_000 },
    );
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
  });

  it('a background try of a partial confirm cut by a restart between its reversal and its confirm: the reversal is not repeated, the rest paid once', async () => {
    const w = await world(5);
    const authorisationId = await w.presented();
    await w.taken();
    const paidFen = AMOUNT - 10_000;
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, paidFen, 10_000)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    // the host back for the reversal the try sends first, its confirm never reaching it
    const confirm = w.deps.host.confirmWithdrawal;
    w.deps.host.confirmWithdrawal = () =>
      Promise.reject(new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.'));
    w.link.down = false;
    await eventually(
      async () => (await w.host.withdrawalByKey(w.tx))?.reversedFen === 10_000,
      'reversal reached',
      { withinMs: 10_000 },
    );
    w.retrier.retries.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    w.deps.host.confirmWithdrawal = confirm;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ status: 'confirmed', reversedFen: 10_000 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.balance()).toBe(w.before - paidFen);
    expect(w.simulator.state.ledger.isBalanced()).toBe(true);
  });
});
