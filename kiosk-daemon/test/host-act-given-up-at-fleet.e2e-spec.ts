/**
 * ADR 0025 end to end: a withdrawal hold's release the host never answered, in a transaction closed
 * long ago, is given up by the journal's retention at the daemon's boot, and the real fleet monitor
 * (its own process, embedded broker, SQLite file) raises an anomaly alert for this kiosk with
 * HOST_ACT_ABANDONED and no card number; the transaction and its sealed card number are gone from
 * the journal file. The fault: such an act kept its transaction for ever, and nobody heard of it.
 * Needs `npx tsc -b`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from '../src/journal/journal.data-source.js';
import { JournalService } from '../src/journal/journal.service.js';
import { RELEASE_STEP } from '../src/journeys/withdrawal-hold-release.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import {
  eventually,
  startFleetMonitor,
  writeFleetCredentials,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';

const KIOSK = 'JZ-9001';
const PASSWORD = 'kiosk-e2e-password-9001';
const CARD = '410123456789';
const DAY = 86_400_000;

/** The journal file the daemon will use, opened here as the daemon opens it (its key file beside it). */
async function journalAt(path: string): Promise<{ journal: JournalService; close: () => Promise<void> }> {
  const db = new DataSource(sqliteJournalOptions(path));
  await db.initialize();
  const journal = new JournalService(db, {
    profile: 'test',
    kiosk: { id: KIOSK },
    journal: { driver: 'sqlite', path },
  } as KioskConfig);
  await journal.onModuleInit();
  return { journal, close: () => db.destroy() };
}

describe('fault: a host act owed for ever keeps its transaction, and nobody hears of it', () => {
  let dir: string;
  let monitor: FleetMonitorProcess;
  let daemon: DaemonProcess | undefined;
  let owed = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-given-up-fleet-'));
    mkdirSync(join(dir, 'kiosk'));
    // a release the host never answered, in a withdrawal closed 400 days ago
    const { journal, close } = await journalAt(join(dir, 'kiosk', 'journal.sqlite'));
    const ended = new Date(Date.now() - 400 * DAY);
    owed = await journal.openTransaction('s-old', 'withdraw', new Date(ended.getTime() - 60_000));
    await journal.sealPersonalData(owed, 'cardNumber', CARD);
    await journal.recordStep(owed, RELEASE_STEP, 'intent', { reason: 'timeout', amountFen: 20_000 });
    await journal.recordStep(owed, RELEASE_STEP, 'failed', { code: 'HOST_UNREACHABLE', triedAgain: true });
    await journal.closeTransaction(owed, 'completed', null, ended);
    await close();

    writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
    monitor = await startFleetMonitor(dir);
    daemon = await startDaemon(
      [
        ...['--set', 'journal.retentionDays=300', '--set', 'journal.owedActGraceDays=60'],
        ...['--set', `fleet.mqtt.url=${monitor.mqtt}`, '--set', `fleet.mqtt.password=${PASSWORD}`],
      ],
      { dir: join(dir, 'kiosk') },
    );
  }, 90_000); // the monitor may take its 30 s to be ready, the daemon its 45 s

  afterAll(async () => {
    await daemon?.stop('SIGKILL');
    await monitor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retention-gives-up-act-never-answered: given up at boot, an anomaly alert HOST_ACT_ABANDONED for this kiosk, no card number, the transaction gone', async () => {
    const alerts = await eventually(
      () => monitor.api('GET', '/alerts'),
      (a) =>
        a.body.some((x: { kioskId: string; kind: string }) => x.kioskId === KIOSK && x.kind === 'anomaly'),
      'the alert of the act given up',
    );
    const raised = alerts.body.filter(
      (x: { kioskId: string; kind: string }) => x.kioskId === KIOSK && x.kind === 'anomaly',
    );
    expect(raised).toEqual([expect.objectContaining({ code: ErrorCode.HOST_ACT_ABANDONED })]);
    expect(JSON.stringify(alerts.body)).not.toContain(CARD);

    await daemon!.stop('SIGTERM');
    daemon = undefined;
    const { journal, close } = await journalAt(join(dir, 'kiosk', 'journal.sqlite'));
    try {
      expect(await journal.stepsOf(owed)).toEqual([]);
      expect(await journal.personalDataOf(owed)).toEqual({});
    } finally {
      await close();
    }
  }, 60_000);
});
