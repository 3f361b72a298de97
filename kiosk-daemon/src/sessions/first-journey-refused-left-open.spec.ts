/**
 * Fault (first-journey-refused-left-open): a new session's first journey was journaled before the
 * session machine was asked about it. The daemon checked the kiosk's offer, opened the journey's
 * transaction, began the session and only then sent the journey to the machine; one its own rules
 * refused (a journey it cannot carry, a precondition of its own) left the machine on the choice
 * with the refusal, the transaction open (boot recovery and staff read it as unfinished work) and
 * every later tap refused SESSION_BUSY until the step timed out. Now the machine is asked first, by
 * its guards on the session's input, nothing run, as a next journey is (13b39823): a refusal is
 * thrown with its code, nothing journaled and no session begun. The daemon's session start, the
 * session machine (told to refuse), the real journal in a SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode, type KioskView } from '@kiosk/domain';
import { openJournalInFolder } from '../journal/memory-journal.spec-support.js';
import { firstJourneyDeps, machineRefusingEveryJourney } from './session-start.spec-support.js';
import { startOrContinue, type SessionStartDeps } from './session-start.js';
import type { RunningSession } from './running-session.js';
import type { ViewNotifier } from './view-notifier.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kiosk() {
  const dir = mkdtempSync(join(tmpdir(), 'first-journey-refused-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { db, journal } = await openJournalInFolder(dir);
  cleanups.push(() => db.destroy());
  const began: RunningSession[] = [];
  cleanups.push(() => began.forEach((s) => s.actor.stop()));
  const deps: SessionStartDeps = {
    ...firstJourneyDeps(machineRefusingEveryJourney),
    journal,
    log: new Logger('Sessions'),
    views: { scheduleSession: () => undefined } as unknown as ViewNotifier,
    locale: () => 'en',
    kioskView: () =>
      ({ mode: 'inService', journeysOffered: ['balance', 'withdraw'] }) as unknown as KioskView,
    sessionView: () => null,
    clearEnded: jest.fn(),
    began: (session) => void began.push(session),
    onEnded: () => undefined,
  };
  return {
    deps,
    began,
    transactions: (): Promise<unknown[]> =>
      db.query(`SELECT "journey", "status" FROM "journal_transaction" ORDER BY "serial"`),
  };
}

describe('fault: first-journey-refused-left-open', () => {
  it('a first journey the session machine refuses: refused with its code, nothing journaled, no session begun', async () => {
    const k = await kiosk();
    await expect(startOrContinue(k.deps, null, 'withdraw')).rejects.toMatchObject({
      code: ErrorCode.JOURNEY_NOT_OFFERED,
    });
    expect(await k.transactions()).toEqual([]);
    expect(k.began).toEqual([]);
    // the ended view of a session before stays until a session does begin
    expect(k.deps.clearEnded).not.toHaveBeenCalled();
  });
});
