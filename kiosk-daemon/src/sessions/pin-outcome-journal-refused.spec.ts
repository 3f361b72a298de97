/**
 * The fault to keep away now that a PIN's verdict and the outcome owed to the host are one journal
 * commit: a journal that refuses it (stopping, a full disk) must neither keep the outcome from the
 * host (its count of wrong PINs is the point) nor let the session go on as if it was journaled
 * (the verdict's own commit failing ended the session before). The real host simulator over HTTP,
 * the daemon's host client and background tries, the real journal (SQLite in memory) stopping.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { journalStopOf } from '../journal/journal-stop.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { PinOutcomeReports } from './pin-outcome-to-host.js';
import { externalHost } from '../host/external-host.spec-support.js';

const zhang = demoResident('zhang')!;
const KIOSK = 'JZ-9001';

describe('fault: a PIN outcome the journal refused is lost to the host or goes on unjournaled', () => {
  let simulator: HostSimulator;
  let connection: HostConnection;
  beforeEach(async () => {
    ({ simulator, connection } = await externalHost(KIOSK, 'test-kiosk-key-JZ-9001-not-secret'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await connection.onApplicationShutdown();
    await simulator.close();
  });

  it('the journal stopping as a wrong PIN is journaled: the session gets the refusal, the host the wrong PIN', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { db, journal } = await openMemoryJournal();
    const retries = new JournaledHostRetries(journal);
    const reports = new PinOutcomeReports(
      journal,
      new HostService(connection, new MetricsService()),
      retries,
      db,
    );
    const tx = await journal.openTransaction('s-1', 'balance');
    await journalStopOf(db).stop(20);

    await expect(
      reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1),
    ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    const told = () =>
      simulator.state.audit.filter(
        (a) => a.cardNumber === zhang.cardNumber && a.action.includes('pin-events') && a.outcome === 'ok',
      );
    await eventually(() => told().length, 'the PIN outcome told to the host', {
      withinMs: 5_000,
      everyMs: 20,
    });
    expect(told()).toHaveLength(1);
    retries.onApplicationShutdown();
    await db.destroy();
  });
});
