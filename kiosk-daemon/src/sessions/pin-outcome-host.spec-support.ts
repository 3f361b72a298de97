/**
 * The world of the PIN outcome specs (a PIN's verdict told to the host): for each test, the real
 * host simulator over HTTP on a port of its own (`external-host.spec-support.ts`) and the daemon's
 * host client; a session's PIN outcome reports with their background tries on the real journal
 * (SQLite in memory), one transaction open. All closed after the test.
 */
import { afterEach, beforeEach } from '@jest/globals';
import type { HostSimulator } from '@kiosk/host-simulator';
import { externalHost } from '../host/external-host.spec-support.js';
import type { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { PinOutcomeReports } from './pin-outcome-to-host.js';

const KIOSK = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

export interface PinOutcomeSession {
  readonly db: DataSource;
  readonly journal: JournalService;
  readonly retries: JournaledHostRetries;
  readonly reports: PinOutcomeReports;
  /** the session's transaction (journey balance) */
  readonly transactionId: string;
}

export function pinOutcomeHostForEachTest() {
  let simulator: HostSimulator | undefined;
  let connection: HostConnection | undefined;
  let opened: PinOutcomeSession | undefined;
  beforeEach(async () => {
    ({ simulator, connection } = await externalHost(KIOSK, KIOSK_KEY));
  });
  afterEach(async () => {
    opened?.retries.onApplicationShutdown();
    if (opened?.db.isInitialized) await opened.db.destroy();
    opened = undefined;
    await connection?.onApplicationShutdown();
    await simulator?.close();
  });
  return {
    get simulator(): HostSimulator {
      return simulator!;
    },
    get connection(): HostConnection {
      return connection!;
    },
    /** A session's reports, their tries paced by `retry` when given. */
    async session(retry?: JournaledHostRetries['retry']): Promise<PinOutcomeSession> {
      const { db, journal } = await openMemoryJournal();
      const retries = new JournaledHostRetries(journal);
      if (retry) retries.retry = retry;
      const host = new HostService(connection!, new MetricsService());
      const reports = new PinOutcomeReports(journal, host, retries, db);
      const transactionId = await journal.openTransaction('s-1', 'balance');
      opened = { db, journal, retries, reports, transactionId };
      return opened;
    },
    /** The PIN outcomes of `cardNumber` the host took (answered ok). */
    told(cardNumber: string) {
      return simulator!.state.audit.filter(
        (a) => a.cardNumber === cardNumber && a.action.includes('pin-events') && a.outcome === 'ok',
      );
    },
  };
}
