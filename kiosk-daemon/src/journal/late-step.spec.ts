/**
 * A step journaled after its transaction closed (an act that outlived its journey, a retry in the
 * background): written to THAT transaction, at once, and logged as late; never lost, never moved.
 * One made by an act designed to outlive its journey (the background tries of host acts, the close
 * of a QR fee order off the session's path, recovery at boot) is expected: logged at info with
 * what that act is, so the warning is left to the unexpected ones.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { Logger } from '@nestjs/common';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { outlivingItsJourney } from './late-writes.js';
import { openMemoryJournal } from './memory-journal.spec-support.js';
import type { DataSource } from './typeorm-runtime.js';

let db: DataSource | undefined;

afterEach(async () => {
  jest.restoreAllMocks();
  await db?.destroy();
  db = undefined;
});

describe('a step journaled after its transaction closed', () => {
  it('a done answered after the close is written to the closed transaction at once, even one meant for the next write, and logged as late', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const opened = await openMemoryJournal();
    db = opened.db;
    const { journal } = opened;
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'cash.retract', 'intent');
    await journal.closeTransaction(tx, 'completed', null);
    const next = await journal.openTransaction('s1', 'balance');

    // a closed transaction has no next write to carry it: waiting for one would lose it at a crash
    await journal.recordStep(tx, 'cash.retract', 'done', undefined, new Date(), { withNextWrite: true });

    expect((await journal.stepsOf(tx)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:cash.retract:intent',
      '2:cash.retract:done',
    ]);
    expect(await journal.stepsOf(next)).toEqual([]);
    expect(warnings.mock.calls.map(([message]) => message)).toEqual([
      `${tx}: cash.retract done journaled late, after the transaction closed`,
    ]);
  });

  it('a step of an open transaction is not logged as late', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const opened = await openMemoryJournal();
    db = opened.db;
    const { journal } = opened;
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'cash.dispense', 'intent');
    await journal.closeTransaction(tx, 'completed', null);
    expect(warnings).not.toHaveBeenCalled();
  });

  it("a background try's done into its closed transaction is logged at info with what it is, not warned", async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const infos = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const opened = await openMemoryJournal();
    db = opened.db;
    const { journal } = opened;
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'withdrawal.reverse', 'intent');
    await journal.recordStep(tx, 'withdrawal.reverse', 'failed', { code: ErrorCode.HOST_UNREACHABLE });
    // the session ends; the reversal the host did not answer goes on in the background
    await journal.closeTransaction(tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    const retries = new JournaledHostRetries(journal);
    retries.retry = { firstMs: 1, maxMs: 1 };
    let tries = 0;
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    await retries.retryLater(tx, new KioskError(ErrorCode.HOST_UNREACHABLE, 'down'), {
      step: 'withdrawal.reverse',
      send: () => {
        tries += 1;
        if (tries === 1) return Promise.reject(new KioskError(ErrorCode.HOST_UNREACHABLE, 'down'));
        answered();
        return Promise.resolve({ hostStatus: 'reversed' });
      },
    });
    await done;
    await eventually(() => journal.stepsOf(tx), 'the late step journaled done', {
      withinMs: 5_000,
      until: (steps) => steps.some((s) => s.phase === 'done'),
    });
    retries.onApplicationShutdown();

    expect((await journal.stepsOf(tx)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:withdrawal.reverse:intent',
      '2:withdrawal.reverse:failed',
      '3:withdrawal.reverse:done',
    ]);
    const said = (calls: unknown[][]) => calls.map(([m]) => String(m)).filter((m) => m.includes('journaled'));
    expect(said(infos.mock.calls)).toEqual([
      `${tx}: withdrawal.reverse done journaled after the transaction closed, as designed: a background try of withdrawal.reverse`,
    ]);
    expect(said(warnings.mock.calls)).toEqual([]);
  });

  it('an act designed to outlive its journey is named in the log line; the same write outside it is still warned', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const infos = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const opened = await openMemoryJournal();
    db = opened.db;
    const { journal } = opened;
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.closeTransaction(tx, 'cancelled', null);

    await outlivingItsJourney('the close of a QR fee order the kiosk stopped waiting for', async () => {
      await journal.recordStep(tx, 'fee.close', 'intent');
    });
    await journal.recordStep(tx, 'fee.close', 'done');

    expect(infos.mock.calls.map(([m]) => m)).toEqual([
      `${tx}: fee.close intent journaled after the transaction closed, as designed: the close of a QR fee order the kiosk stopped waiting for`,
    ]);
    expect(warnings.mock.calls.map(([m]) => m)).toEqual([
      `${tx}: fee.close done journaled late, after the transaction closed`,
    ]);
  });
});
