/**
 * Fault: a staff visit that ended while its settlement was still running had the settlement's own
 * step (`maintenance.settleWithdrawal`, `maintenance.settleCardMaking`) written into the visit's
 * closed transaction and warned as an unexpected late write. A supervisor's settlement is designed
 * to outlive the visit (ADR 0010: it runs until the host answers, the self test waits for it), so
 * those writes are logged at info naming the act; the warning stays for the unexpected ones.
 *
 * The real journal, the real maintenance and recovery services; the withdrawal's host is the host
 * simulator, the card making's office a fake; each held at a gate while the visit ends.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { settlementWorld } from './card-making-settlement.spec-support.js';
import { withdrawalSettlementWorld } from './withdrawal-staff-settlement.spec-support.js';

const closes: (() => Promise<void>)[] = [];

afterEach(async () => {
  jest.restoreAllMocks();
  for (const close of closes.splice(0)) await close();
});

/** The log's lines about writes into closed transactions, at `level`. */
function lateLines(level: 'warn' | 'log'): () => string[] {
  const spy = jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  return () =>
    spy.mock.calls.map(([m]) => String(m)).filter((m) => m.includes('after the transaction closed'));
}

const DESIGNED = 'as designed: a staff settlement outliving its visit';

describe('a staff settlement that outlives its visit', () => {
  it('fault: the visit ends while a withdrawal settlement waits for the host: its steps logged at info, none warned, paid once', async () => {
    const w = await withdrawalSettlementWorld();
    closes.push(() => w.close());
    const supervisor = await w.first.logIn('FS-0002');
    const visitTx = (await w.journal.openTransactions()).find((t) => t.journey === 'maintenance')!.id;
    const warned = lateLines('warn');
    const told = lateLines('log');

    const gate = w.link.hold();
    const settling = w.first.checks.settleWithdrawal(supervisor, w.tx, 'paid');
    await gate.waiting;
    await w.first.maintenance.logOut(supervisor);
    gate.release();

    await expect(settling).resolves.toMatchObject({ hostStatus: 'confirmed' });
    expect(told()).toEqual([
      `${visitTx}: maintenance.settleWithdrawal done journaled after the transaction closed, ${DESIGNED}`,
    ]);
    expect(warned()).toEqual([]);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: the visit ends while a card-making settlement waits for the office: its steps logged at info, none warned, told once', async () => {
    const w = await settlementWorld();
    closes.push(() => w.close());
    const supervisor = await w.logIn('FS-0002');
    const visitTx = await w.visitTx();
    const warned = lateLines('warn');
    const told = lateLines('log');

    const gate = w.office.hold();
    const settling = w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    await gate.waiting;
    await w.maintenance.logOut(supervisor);
    gate.release();

    await expect(settling).resolves.toMatchObject({ outcome: 'issued' });
    expect(told()).toEqual([
      `${visitTx}: maintenance.settleCardMaking done journaled after the transaction closed, ${DESIGNED}`,
    ]);
    expect(warned()).toEqual([]);
    expect(w.office.report).toHaveBeenCalledTimes(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });
});
