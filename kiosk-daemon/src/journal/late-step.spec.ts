/**
 * A step journaled after its transaction closed (an act that outlived its journey, a retry in the
 * background): written to THAT transaction, at once, and logged as late; never lost, never moved.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
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
});
