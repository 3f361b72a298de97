/**
 * Fault looked for: the journal closing (`JournalCloser`, the journal's data source module) before
 * the background host tries (`JournaledHostRetries`, factory-provided in the sessions module for the
 * withdrawal hold release, the PIN outcome and card reports) are stopped: a try started after the
 * journal's stop, or one whose answer came after the close, would reach the host with its answer
 * journaled nowhere, and the next boot would send it again. Nest shuts modules down by distance
 * from the root, global modules (the journal's data source) last; this spec stops the real app
 * module of the test profile (real SQLite file) with a try at a slow host under way and checks
 * the order and that the answer is journaled, nothing left owed for the next boot.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@kiosk/config';
import { AppModule } from '../app.module.js';
import { JournalStop } from '../journal/journal-stop.js';
import { JournalService } from '../journal/journal.service.js';
import { transactionsWithUnfinished } from '../journal/unfinished-acts.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournaledHostRetries } from './journaled-host-retries.js';

const RELEASE = 'withdrawal.release';

describe('stopping the daemon with a background host try under way', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-try-at-stop-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('host-try-cut-by-journal-close: the tries stop before the journal closes, which waits for the answer', async () => {
    const path = join(dir, 'journal.sqlite');
    const config = loadConfig({ profile: 'test', overrides: [`journal.path=${path}`] });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    const order: string[] = [];
    const triesStop = JournaledHostRetries.prototype.onApplicationShutdown;
    jest.spyOn(JournaledHostRetries.prototype, 'onApplicationShutdown').mockImplementation(function (
      this: JournaledHostRetries,
    ) {
      order.push('tries stopped');
      triesStop.call(this);
    });
    // the slow host answers only once the journal's stop has begun
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const journalStop = JournalStop.prototype.stop;
    jest.spyOn(JournalStop.prototype, 'stop').mockImplementation(function (
      this: JournalStop,
      bound?: number,
    ) {
      order.push('journal stop');
      answer();
      return journalStop.call(this, bound);
    });

    const journal = app.get(JournalService);
    const retries = app.get(JournaledHostRetries);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, RELEASE, 'intent', { reason: 'timeout' });
    await journal.closeTransaction(tx, 'cancelled', null);
    let sent = 0;
    const first = retries.firstTry(tx, {
      step: RELEASE,
      settles: 'givenBack',
      send: async () => {
        sent += 1;
        await answered;
        return { hostStatus: 'released' };
      },
    });
    await app.close();
    expect(await first).toBe(true);
    expect(order).toEqual(['tries stopped', 'journal stop']);
    expect(sent).toBe(1);

    // the next boot finds the release answered: nothing to send again
    const db = new DataSource(sqliteJournalOptions(path));
    await db.initialize();
    try {
      expect(await transactionsWithUnfinished(db, [RELEASE])).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
