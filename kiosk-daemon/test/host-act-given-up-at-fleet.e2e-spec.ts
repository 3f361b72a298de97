/**
 * ADR 0025 end to end: a withdrawal hold's release the host never answered, in a transaction closed
 * long ago, is given up by the journal's retention at the daemon's boot, and the real fleet monitor
 * (its own process, embedded broker, SQLite file) raises an anomaly alert for this kiosk with
 * HOST_ACT_ABANDONED and no card number; the journal records it told, and once the monitor stored
 * the alert the daemon removes the transaction and its sealed card number in the same run (before,
 * only the next boot's retention did). The fault: such an act kept its
 * transaction for ever, and nobody heard of it. The first boot dies (the kill harness, ADR 0007)
 * right after the journal gave the act up, before the fleet link started: the fault
 * host-act-given-up-alert-lost-at-crash, the alert lost with the transaction the next boot removed
 * (ADR 0025: the alert derives from the journal). Needs `npx tsc -b`.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from '../src/journal/journal.data-source.js';
import { JournalService } from '../src/journal/journal.service.js';
import { RELEASE_STEP } from '../src/journeys/withdrawal-hold-release.js';
import { runDaemonToExit, startDaemon, type DaemonProcess } from './daemon-process.js';
import { fleetAlertsOf, fleetMonitorForSuite } from './fleet-monitor-process.js';

const KIOSK = 'JZ-9001';
const PASSWORD = 'kiosk-e2e-password-9001';
const CARD = '410123456789';
const DAY = 86_400_000;

/** The journal file the daemon will use, opened here as the daemon opens it (its key file beside it). */
async function journalAt(
  path: string,
  more: Partial<KioskConfig> = {},
): Promise<{ journal: JournalService; close: () => Promise<void> }> {
  const db = new DataSource(sqliteJournalOptions(path));
  await db.initialize();
  const journal = new JournalService(db, {
    profile: 'test',
    kiosk: { id: KIOSK },
    journal: { driver: 'sqlite', path },
    ...more,
  } as KioskConfig);
  await journal.onModuleInit();
  return { journal, close: () => db.destroy() };
}

describe('fault: a host act owed for ever keeps its transaction, and nobody hears of it', () => {
  let daemon: DaemonProcess | undefined;
  let owed = '';
  const fleet = fleetMonitorForSuite({ [KIOSK]: PASSWORD }, () => daemon?.stop('SIGKILL'));

  beforeAll(async () => {
    // a release the host never answered, in a withdrawal closed 400 days ago
    const { journal, close } = await journalAt(join(fleet.kioskDir, 'journal.sqlite'));
    const ended = new Date(Date.now() - 400 * DAY);
    owed = await journal.openTransaction('s-old', 'withdraw', new Date(ended.getTime() - 60_000));
    await journal.sealPersonalData(owed, 'cardNumber', CARD);
    await journal.recordStep(owed, RELEASE_STEP, 'intent', { reason: 'timeout', amountFen: 20_000 });
    await journal.recordStep(owed, RELEASE_STEP, 'failed', { code: 'HOST_UNREACHABLE', triedAgain: true });
    await journal.closeTransaction(owed, 'completed', null, ended);
    await close();

    const args = [
      ...['--set', 'journal.retentionDays=300', '--set', 'journal.owedActGraceDays=60'],
      ...fleet.kioskArgs(PASSWORD),
    ];
    // the first boot dies right after the journal gave the act up, before the fleet link started
    const crashed = await runDaemonToExit(
      [
        ...['--profile', 'test', '--set', 'gateway.port=0', '--set', 'host.embeddedPort=0'],
        ...['--set', `journal.path=${join(fleet.kioskDir, 'journal.sqlite')}`, ...args],
        ...['--set', `journal.crashAt=after:${RELEASE_STEP}:failed`],
      ],
      45_000,
    );
    expect(crashed.stderr).toContain(`kill harness point after:${RELEASE_STEP}:failed`);
    // at info: the removal once the monitor stored the alert is said there
    daemon = await startDaemon([...args, '--set', 'log.level=info'], { dir: fleet.kioskDir });
  }, 110_000); // each boot may take its 45 s

  it('retention-gives-up-act-never-answered, host-act-given-up-alert-lost-at-crash: given up at a boot that died, an anomaly alert HOST_ACT_ABANDONED for this kiosk at the next, no card number, journaled told, the transaction gone', async () => {
    const { raised, listed } = await fleetAlertsOf(
      fleet.monitor,
      KIOSK,
      'anomaly',
      'the alert of the act given up',
    );
    expect(raised).toEqual([expect.objectContaining({ code: ErrorCode.HOST_ACT_ABANDONED })]);
    expect(JSON.stringify(listed)).not.toContain(CARD);
    // the monitor stored it and acknowledged: the daemon removes the transaction in this run
    await eventually(
      () =>
        daemon!.output.some((line) => line.includes(`${owed}: removed by retention once the fleet stored`)),
      'the transaction removed once the alert was stored',
      { withinMs: 20_000 },
    );

    await daemon!.stop('SIGTERM');
    daemon = undefined;
    // opened with the default retention (1825 days), which would keep it: gone already
    const { journal, close } = await journalAt(join(fleet.kioskDir, 'journal.sqlite'));
    try {
      expect(await journal.stepsOf(owed)).toEqual([]);
      expect(await journal.personalDataOf(owed)).toEqual({});
    } finally {
      await close();
    }
  }, 60_000);
});
