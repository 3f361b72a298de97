/**
 * Fault: a withdrawal hold left at the host until the next boot. The host's answer to an
 * authorisation timed out, or carried a status the kiosk does not know: the kiosk dispensed
 * nothing and ended the journey, while the host held the resident's money until the recovery
 * sweep of the kiosk's next boot, days away on a kiosk that is not restarted. The hold is released
 * now by the authorisation's serial, journaled (intent, done), tried again in the background while
 * the host does not answer, and finished by recovery after a restart, exactly once.
 *
 * The real journal (SQLite in memory) and the real host simulator (embedded, over HTTP).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostService } from '../host/host.service.js';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

const li = demoResident('li')!;

/**
 * The withdrawal's world (`withdrawal-settlement.spec-support.ts`), its releases asking the host
 * as it is (not behind the link) unless given another host.
 */
async function world() {
  const w = await withdrawalWorld();
  const { journal, host, tx } = w;
  const newRelease = (h: HostService = host) => w.newRetrier(h);
  const reversals = () => w.ledger('withdrawalReversal');
  /** the kiosk asks for the money; the host holds it, whatever the kiosk reads of the answer */
  const authoriseUnread = async (code: string) => {
    await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
    await host.authoriseWithdrawal({
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: AMOUNT,
      transactionSerial: tx,
    });
    await journal.recordStep(tx, 'withdrawal.authorise', 'failed', { code });
  };
  /** a release journaled as asked (intent) and its transaction closed, as a restart leaves it */
  const releaseLeftAsked = async (serial: string, reason: string, code: ErrorCode) => {
    await journal.recordStep(serial, 'withdrawal.release', 'intent', { amountFen: AMOUNT, reason });
    await journal.closeTransaction(serial, 'failed', code);
  };
  return { ...w, newRelease, reversals, authoriseUnread, releaseLeftAsked };
}

/** A host whose release is not answered the first `downFor` times. */
function hostDownFor(host: HostService, downFor: number): { host: HostService; tries: () => number } {
  let tries = 0;
  const wrapped = Object.create(host) as HostService;
  wrapped.releaseWithdrawalHold = async (...args) => {
    tries += 1;
    if (tries <= downFor)
      throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    return host.releaseWithdrawalHold(...args);
  };
  return { host: wrapped, tries: () => tries };
}

describe('withdrawal hold released after an authorisation answer not read', () => {
  it('authorisation timed out: the hold is given back at once, without a restart', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_TIMEOUT);
    expect(w.balance()).toBe(before - AMOUNT);

    await expect(
      w.newRelease().releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.HOST_TIMEOUT),
    ).resolves.toBe(true);
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(1);
    expect(await w.steps()).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:failed',
      'withdrawal.release:intent',
      'withdrawal.release:done',
    ]);
    const intent = (await w.journal.stepsOf(w.tx)).find((s) => s.step === 'withdrawal.release');
    expect(JSON.parse(intent!.detail!)).toMatchObject({ amountFen: AMOUNT, reason: 'timeout' });
  });

  it('unknown withdrawal status: the hold is given back at once, without a restart', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);
    const released = await w
      .newRelease()
      .releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);
    expect(released).toBe(true);
    expect(w.balance()).toBe(before);
    expect(w.simulator.state.ledger.isBalanced()).toBe(true);
    const done = (await w.journal.stepsOf(w.tx)).find(
      (s) => s.step === 'withdrawal.release' && s.phase === 'done',
    );
    expect(JSON.parse(done!.detail!)).toEqual({ hostStatus: 'reversed', reversedFen: AMOUNT });
  });

  it('authorisation timed out before reaching the host: the release holds the serial, the late authorisation holds nothing', async () => {
    const w = await world();
    const before = w.balance();
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'failed', { code: ErrorCode.HOST_TIMEOUT });
    await expect(
      w.newRelease().releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.HOST_TIMEOUT),
    ).resolves.toBe(true);
    // the authorisation that was still on its way arrives now
    await expect(
      w.host.authoriseWithdrawal({
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        amountFen: AMOUNT,
        transactionSerial: w.tx,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED });
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(0);
  });

  it('host down for the first release tries: tried again in the background until the host answers', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_TIMEOUT);
    const down = hostDownFor(w.host, 3);
    const release = w.newRelease(down.host);

    await expect(release.releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.HOST_TIMEOUT)).resolves.toBe(
      false,
    );
    expect(w.balance()).toBe(before - AMOUNT);
    expect(release.retries.owns(w.tx)).toBe(true);

    await eventually(async () => (await w.steps()).includes('withdrawal.release:done'), 'the release done', {
      withinMs: 10_000,
    });
    expect(down.tries()).toBe(4);
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(1);
    expect(release.retries.owns(w.tx)).toBe(false);
    expect(await w.steps()).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:failed',
      'withdrawal.release:intent',
      'withdrawal.release:failed', // the first try only; the background tries are not journaled
      'withdrawal.release:done',
    ]);
  });

  it('a restart between release intent and done: recovery at boot finishes it, exactly once', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_TIMEOUT);
    // the first try reached the host (money back) but the kiosk stopped before journaling done
    await w.journal.recordStep(w.tx, 'withdrawal.release', 'intent', {
      amountFen: AMOUNT,
      reason: 'timeout',
    });
    await w.host.releaseWithdrawalHold(w.tx, 'timeout');
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_TIMEOUT);
    expect(w.balance()).toBe(before);

    const boot = () => w.boot(w.newRelease());
    await boot();
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(1);
    expect((await w.steps()).filter((s) => s === 'withdrawal.release:done')).toHaveLength(1);

    await boot(); // a second boot finds nothing left to do
    expect(w.reversals()).toBe(1);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.release:'))).toEqual([
      'withdrawal.release:intent',
      'withdrawal.release:done',
    ]);
  });

  it('a restart before the release reached the host: recovery at boot gives the hold back', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);
    await w.releaseLeftAsked(w.tx, 'cancelled', ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);

    await expect(w.newRelease().resumeAtBoot()).resolves.toBe(1);
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(1);
    await expect(w.newRelease().resumeAtBoot()).resolves.toBe(0);
    expect(w.reversals()).toBe(1);
  });

  it('host down at boot: one release is tried, the rest wait in the background, and all finish once it answers', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_TIMEOUT);
    await w.releaseLeftAsked(w.tx, 'timeout', ErrorCode.HOST_TIMEOUT);
    const other = await w.journal.openTransaction('s2', 'withdraw');
    await w.journal.recordStep(other, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
    await w.releaseLeftAsked(other, 'timeout', ErrorCode.HOST_TIMEOUT);
    const down = hostDownFor(w.host, 2);
    const release = w.newRelease(down.host);

    await expect(release.resumeAtBoot()).resolves.toBe(0);
    expect(down.tries()).toBe(1); // boot does not wait for a host that is away, once per release
    expect(release.retries.owns(w.tx) && release.retries.owns(other)).toBe(true);

    const done = async (tx: string) =>
      (await w.journal.stepsOf(tx)).some((s) => s.step === 'withdrawal.release' && s.phase === 'done');
    await eventually(async () => (await done(w.tx)) && (await done(other)), 'both releases done', {
      withinMs: 10_000,
    });
    expect(w.balance()).toBe(before);
    expect(w.reversals()).toBe(1);
  });

  it('leaves the hold to recovery when a dispense was journaled: notes may have moved', async () => {
    const w = await world();
    const before = w.balance();
    await w.authoriseUnread(ErrorCode.HOST_TIMEOUT);
    await w.journal.recordStep(w.tx, 'cash.dispense', 'intent', { amountFen: AMOUNT });
    await expect(
      w.newRelease().releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.HOST_TIMEOUT),
    ).resolves.toBe(false);
    expect(w.balance()).toBe(before - AMOUNT);
    expect(await w.steps()).not.toContain('withdrawal.release:intent');
  });

  it('asks nothing of the host when the authorisation was never journaled as asked', async () => {
    const w = await world();
    await expect(w.newRelease().releaseUnreadAuthorisation(w.tx, AMOUNT, ErrorCode.INTERNAL)).resolves.toBe(
      false,
    );
    expect(await w.steps()).toEqual(['withdrawal.release:event']);
    expect(w.reversals()).toBe(0);
  });
});
