/**
 * The withdrawals left for staff (`pendingWithdrawals`) whose personal data does not open (a
 * tampered seal, a key this kiosk does not hold): the name and card read as null, the view is
 * still given, and nothing is logged in full. On a real journal and the cash dispenser emulator.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { pendingWithdrawals } from './pending-withdrawals.js';
import { li, pendingWithdrawalsWorld } from './pending-withdrawals.spec-support.js';

const w = pendingWithdrawalsWorld();

describe('personal data that does not open', () => {
  /** Everything written to the logs and the console while `work` runs. */
  async function logsOf<T>(work: () => Promise<T>): Promise<{ result: T; logged: string }> {
    const lines: unknown[] = [];
    const keep = (...args: unknown[]) => void lines.push(...args);
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(keep);
      jest.spyOn(Logger, level).mockImplementation(keep);
    }
    for (const level of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation(keep);
    }
    const result = await work();
    return { result, logged: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') };
  }

  const sealedRows = (tx: string) =>
    w.db.query(`SELECT id, sealed FROM journal_personal_data WHERE transactionId = ?`, [tx]) as Promise<
      { id: number; sealed: string }[]
    >;

  it('a tampered seal: the name and card read as null, the amount and step still shown, nothing thrown or logged in full', async () => {
    await w.recorded();
    const tx = await w.undecidedWithdrawal();
    const [card] = await sealedRows(tx);
    // one byte of the ciphertext changed: the seal no longer opens (JOURNAL_SEAL_BROKEN)
    const raw = Buffer.from(card!.sealed, 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff;
    await w.db.query(`UPDATE journal_personal_data SET sealed = ? WHERE id = ?`, [
      raw.toString('base64'),
      card!.id,
    ]);

    const { result, logged } = await logsOf(() => pendingWithdrawals(w.journal, w.dispenser));
    expect(result).toEqual([
      expect.objectContaining({
        transactionId: tx,
        verdict: null,
        amountFen: 20_000,
        card: null,
        name: null,
        stoppedAt: 'cash.dispense:intent',
        counters: expect.objectContaining({ rejectBinDevice: 1 }) as unknown,
      }),
    ]);
    const shown = JSON.stringify(result);
    for (const full of [li.cardNumber, li.name, li.idNumber]) {
      expect(shown).not.toContain(full);
      expect(logged).not.toContain(full);
    }
  });

  it('sealed under a key this kiosk does not hold: the name and card read as null, the withdrawal still listed', async () => {
    const tx = await w.undecidedWithdrawal();
    await w.db.query(`UPDATE journal_personal_data SET keyId = ? WHERE transactionId = ?`, [
      'retired-key',
      tx,
    ]);

    const { result, logged } = await logsOf(() => pendingWithdrawals(w.journal, w.dispenser));
    expect(result).toMatchObject([
      { transactionId: tx, amountFen: 20_000, card: null, name: null, stoppedAt: 'cash.dispense:intent' },
    ]);
    for (const full of [li.cardNumber, li.name]) {
      expect(JSON.stringify(result)).not.toContain(full);
      expect(logged).not.toContain(full);
    }
  });

  it('the same withdrawal whose data opens shows them masked (the faults above are the seal’s, not the reading’s)', async () => {
    const tx = await w.undecidedWithdrawal();
    expect(await pendingWithdrawals(w.journal, w.dispenser)).toMatchObject([
      { transactionId: tx, card: expect.stringMatching(/^H41\*+102$/) as unknown, name: '李*英' },
    ]);
  });
});
