/**
 * Fault: a boot with the host timing out (it accepts the connection and never answers) and several
 * items pending waited one full host timeout per item, one after the other, before the kiosk ended
 * its self test: each withdrawal carrying a staff verdict asked the host on its own, and so did each
 * card-making report. Now the first call the host does not answer marks it away for the whole boot
 * (`BootHost`): the boot waits about one host timeout, the card reports go to the background tries
 * (their intent journaled) and the verdicts stay open and listed for staff (ADR 0008, ADR 0010);
 * none is lost: once the host is back each report is told once and each verdict settled once.
 *
 * The real journal (SQLite in memory), the real recovery, background tries and card reports, the
 * host simulator (embedded) for the withdrawals and the cash dispenser emulator; the office's card
 * reports are a fake that applies each once per idempotency key, as the host does. While the host
 * is away every call goes, through a real HTTP client with a short host timeout, to a listener
 * that accepts and never answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  AMOUNT,
  cardTaken,
  cardVerdictGiven,
  closeWorlds,
  withdrawalInterrupted,
  withdrawalWithVerdict,
  world,
} from './silent-host-boot.spec-support.js';

afterEach(closeWorlds);

describe('a boot with the host timing out and several items pending', () => {
  it('fault: two withdrawal verdicts and two card reports: the boot waits one host timeout, not four; each settled once after the host is back', async () => {
    const w = await world();
    const before = { li: w.balance('li'), zhang: w.balance('zhang') };
    const paid = await withdrawalWithVerdict(w.journal, w.realHost, 'li', 'paid');
    const firstCard = await cardTaken(w.journal, 'H41080000991', 'A0000041');
    const notPaid = await withdrawalWithVerdict(w.journal, w.realHost, 'zhang', 'notPaid');
    const secondCard = await cardTaken(w.journal, 'H41080000992', 'A0000042');

    const first = w.daemon();
    // the verdicts the host did not hear stay for staff: the self test fails, the kiosk out of service
    await expect(first.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
      details: { transactions: `${paid},${notPaid}` },
    });
    expect(w.link.waited).toBe(1);
    // nothing lost: both verdicts open with their verdict, both reports journaled and tried in the background
    for (const tx of [paid, notPaid]) {
      expect(await w.isOpen(tx)).toBe(true);
      expect(await w.stepsOf(tx)).toContain('recovery.staffVerdict:event');
    }
    for (const tx of [firstCard, secondCard]) {
      expect(await w.isOpen(tx)).toBe(false);
      expect(await w.stepsOf(tx)).toContain('recovery.host.issued:intent');
      expect(first.tries.retries.owns(tx)).toBe(true);
    }
    expect(w.office.calls).toEqual([]);

    w.link.away = false;
    const done = async (tx: string) => (await w.stepsOf(tx)).includes('recovery.host.issued:done');
    await eventually(async () => (await done(firstCard)) && (await done(secondCard)), 'both reports told', {
      withinMs: 10_000,
    });
    expect(w.office.calls.sort()).toEqual([`A0000041:${firstCard}:issued`, `A0000042:${secondCard}:issued`]);
    // the self test once the host is back (staff log out): each verdict carried through once
    await expect(first.recovery.recoverUnfinished()).resolves.toMatchObject({
      recovered: 2,
      withdrawalsSettled: 2,
    });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance('li')).toBe(before.li - AMOUNT);
    expect(w.balance('zhang')).toBe(before.zhang);
    for (const tx of [paid, notPaid]) expect(await w.isOpen(tx)).toBe(false);

    // a restart finds nothing left: nothing told or settled again
    await expect(w.daemon().recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    expect(w.office.calls).toHaveLength(2);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.link.waited).toBe(1);
  });

  it('fault: a card-making verdict, an undecided withdrawal and a card report: one host timeout; the verdict and the withdrawal stay for staff, settled once after the host is back', async () => {
    const w = await world();
    const before = w.balance('zhang');
    const verdict = await cardVerdictGiven(w.journal, 'H41080000993', 'A0000043');
    const withdrawal = await withdrawalInterrupted(w.journal, w.realHost, 'zhang');
    const card = await cardTaken(w.journal, 'H41080000994', 'A0000044');

    const first = w.daemon();
    await expect(first.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
      details: { transactions: `${verdict},${withdrawal}` },
    });
    expect(w.link.waited).toBe(1);
    // the blank counted once, the verdict open for staff; the withdrawal left for staff, not decided
    expect(await w.stepsOf(verdict)).toContain('recovery.staffCounted:event');
    expect(await w.isOpen(verdict)).toBe(true);
    expect(await w.isOpen(withdrawal)).toBe(true);
    expect(await w.stepsOf(withdrawal)).not.toContain('recovery.withdrawal:event');
    expect(first.tries.retries.owns(card)).toBe(true);
    expect(w.office.calls).toEqual([]);

    w.link.away = false;
    await eventually(
      async () => (await w.stepsOf(card)).includes('recovery.host.issued:done'),
      'the report told',
      { withinMs: 10_000 },
    );
    await expect(first.recovery.recoverUnfinished()).resolves.toMatchObject({
      recovered: 2,
      withdrawalsSettled: 1,
    });
    expect(w.office.calls.sort()).toEqual([`A0000043:${verdict}:abandoned`, `A0000044:${card}:issued`]);
    expect((await w.stepsOf(verdict)).filter((s) => s === 'recovery.staffCounted:event')).toHaveLength(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance('zhang')).toBe(before);
    for (const tx of [verdict, withdrawal]) expect(await w.isOpen(tx)).toBe(false);
    expect(w.link.waited).toBe(1);
  });
});
