/**
 * Fault: every background retry warned "journaled late". The background tries of host acts and
 * recovery at boot journal into transactions that closed before them by design, so each of their
 * writes logged a warning an operator learned to ignore, the unexpected late writes with them.
 * Such writes are now logged at info naming the act; the warning is left to the unexpected ones.
 *
 * The real journal (SQLite in memory), the real host simulator behind a link the spec takes down,
 * the real background tries and recovery at boot (`withdrawal-settlement.spec-support.ts`).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { Logger } from '@nestjs/common';
import { withdrawalWorld } from './withdrawal-settlement.spec-support.js';

afterEach(() => {
  jest.restoreAllMocks();
});

/** The log's lines about writes into closed transactions, at `level`. */
function lateLines(level: 'warn' | 'log'): () => string[] {
  const spy = jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  return () =>
    spy.mock.calls.map(([m]) => String(m)).filter((m) => m.includes('after the transaction closed'));
}

describe('late writes an act designed to outlive its journey makes', () => {
  it('a reversal the host answers in the background after the session closed: info naming the try, no warning', async () => {
    const warned = lateLines('warn');
    const told = lateLines('log');
    const w = await withdrawalWorld();
    await w.reversalUnanswered();
    // the session ends while its reversal is tried in the background
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.link.down = false;

    await eventually(async () => (await w.steps()).includes('withdrawal.reverse:done'), 'the reversal done', {
      withinMs: 10_000,
    });
    expect(w.balance()).toBe(w.before);
    expect(told()).toEqual([
      `${w.tx}: withdrawal.reverse done journaled after the transaction closed, as designed: a background try of withdrawal.reverse`,
    ]);
    expect(warned()).toEqual([]);
  });

  it('a reversal resumed by recovery at boot into the transaction the stopped kiosk closed: info as recovery at boot, no warning', async () => {
    const w = await withdrawalWorld();
    await w.reversalUnansweredThenStopped();
    w.link.down = false;
    const warned = lateLines('warn');
    const told = lateLines('log');

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(w.balance()).toBe(w.before);
    expect(told().length).toBeGreaterThan(0);
    for (const line of told())
      expect(line).toMatch(/^\S+: .+ journaled after the transaction closed, as designed: recovery at boot$/);
    expect(warned()).toEqual([]);
  });

  it('an act of the journey answered after its session closed is still warned', async () => {
    const warned = lateLines('warn');
    const w = await withdrawalWorld();
    await w.presented();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.SESSION_TIMED_OUT);
    // the notes retracted by the journey's own actor, after its session ended: not by design
    await w.retracted();
    expect(warned()).toEqual([
      `${w.tx}: cash.retract intent journaled late, after the transaction closed`,
      `${w.tx}: cash.retract done journaled late, after the transaction closed`,
      `${w.tx}: cash.retracted event journaled late, after the transaction closed`,
    ]);
  });
});
