/**
 * Fault: the kill harness's power cut right after a step is on disk (`after:` its step), taken
 * in-process (process.kill throwing), arrived at the caller as JOURNAL_WRITE_FAILED, a write the
 * store refused: the step was written, and a recovery that stops on a journal refusal
 * (`settleWithdrawalAtBoot`) then reported a refusal instead of dying there. What a statement's
 * `written` hook throws now passes as it is, the step written, alone or with writes held for it.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { openMemoryJournal } from './memory-journal.spec-support.js';

class PowerCut extends Error {}

async function journalDyingAt(crashAt: string) {
  jest.spyOn(process, 'kill').mockImplementation(() => {
    throw new PowerCut('killed');
  });
  const { db, journal } = await openMemoryJournal(30, { crashAt });
  const steps = async (id: string) => (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}`);
  return { db, journal, steps };
}

describe('the power cut right after a step is written', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('reaches the caller as the power cut, not JOURNAL_WRITE_FAILED, the step written', async () => {
    const { db, journal, steps } = await journalDyingAt('after:recovery.cash.retract:done');
    const tx = await journal.openTransaction('s1', 'withdraw');
    const cut = await journal.recordStep(tx, 'recovery.cash.retract', 'done').catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(PowerCut);
    expect(await steps(tx)).toEqual(['recovery.cash.retract:done']);
    await db.destroy();
  });

  it('so too when writes held for the step are committed with it', async () => {
    const { db, journal, steps } = await journalDyingAt('after:card.read:event');
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.eject', 'intent', undefined, new Date(), { withNextWrite: true });
    const cut = await journal.recordStep(tx, 'card.read', 'event').catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(PowerCut);
    expect(await steps(tx)).toEqual(['card.eject:intent', 'card.read:event']);
    await db.destroy();
  });

  it('a write the store refuses is still JOURNAL_WRITE_FAILED', async () => {
    const { db, journal } = await journalDyingAt('after:card.read:event');
    await db.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step" WHEN NEW."step" = 'card.read'
       BEGIN SELECT RAISE(ABORT, 'no space'); END`,
    );
    const tx = await journal.openTransaction('s1', 'balance');
    const failed = await journal.recordStep(tx, 'card.read', 'event').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KioskError);
    expect((failed as KioskError).code).toBe(ErrorCode.JOURNAL_WRITE_FAILED);
    await db.destroy();
  });
});
