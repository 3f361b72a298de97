/**
 * The fault: a PIN reset is told to the host (the pin-event `reset`, which clears its count of
 * wrong PINs for the card) once. A host that did not answer (down, timed out, 5xx) had the failure
 * journaled for staff and nothing sent it again: the host went on counting the wrong PINs typed
 * before the reset, so the holder who had just unlocked the card with the ID card and a face match
 * was flagged at the next wrong PIN. Now the same report, under the same idempotency key, is tried
 * in the background until the host answers, and sent again at the next boot when a restart cut the
 * tries short; the host answers the resend once (a replay).
 *
 * The real host simulator over HTTP (its fault surface answering 503), the daemon's real host
 * client, the real journal (SQLite in memory) with the journey's tools, the real background tries.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { journeyTools } from './journey-tools.js';
import { PinResetReports, reportPinReset } from './pin-reset-report.js';
import { pinReportsKey } from './pin-reports-key.js';

import { externalHost } from '../host/external-host.spec-support.js';

const wang = demoResident('wang')!;
const KIOSK = 'JZ-9001';
const KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('fault: a PIN reset the host did not answer is never told it', () => {
  let simulator: HostSimulator;
  let connection: HostConnection;
  let host: HostService;
  let db: DataSource | undefined;
  const stopped: JournaledHostRetries[] = [];

  // a host of its own for each case: the journal's transaction ids (the reports' keys) start over
  beforeEach(async () => {
    ({ simulator, connection } = await externalHost(KIOSK, KEY));
    host = new HostService(connection, new MetricsService());
  });
  afterEach(async () => {
    for (const r of stopped.splice(0)) r.onApplicationShutdown();
    await db?.destroy();
    db = undefined;
    await connection.onApplicationShutdown();
    await simulator.close();
  });

  /** One run of the daemon: its own background tries (short pauses). */
  function aRun(journal: JournalService) {
    const retries = new JournaledHostRetries(journal);
    retries.retry = { firstMs: 20, maxMs: 80 };
    stopped.push(retries);
    return retries;
  }

  /** A reset journey whose card took the new PIN: the report to the host is next. */
  async function aResetJourney() {
    const opened = await openMemoryJournal();
    db = opened.db;
    const { journal } = opened;
    const tx = await journal.openTransaction(`s-${Date.now()}`, 'resetPin');
    const tools = journeyTools(
      journal,
      tx,
      () => 'en',
      () => undefined,
    );
    await tools.irreversible('card.resetPin', async () => undefined, { keyVersion: 1 });
    const reports = async () =>
      (await journal.stepsOf(tx)).filter((s) => s.step === 'host.pinReset').map((s) => s.phase);
    return { journal, db: opened.db, tx, tools, reports };
  }

  // the PIN events the host answered (a replay is audited before its card is read: by its route
  // alone), not those its fault surface refused
  const resetsAtHost = () =>
    simulator.state.audit.filter(
      (a) => a.action.includes('pin-events') && (a.outcome === 'ok' || a.outcome === 'replay'),
    );
  /** two wrong PINs before the reset: a third within the day flags the card, unless the reset cleared them */
  async function twoWrongPinsBefore() {
    for (const attempt of [1, 2])
      await host.reportPinEvent(wang.cardNumber, 'wrong', `W-${Date.now()}-${attempt}`);
  }

  it('the host answering 503 at the report: told once it is back, journaled done, its wrong-PIN count cleared', async () => {
    await twoWrongPinsBefore();
    const j = await aResetJourney();
    const retries = aRun(j.journal);
    simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    await reportPinReset({ host, retries }, j.tools, wang.cardNumber);
    await j.journal.closeTransaction(j.tx, 'completed', null);
    expect(await j.reports()).toEqual(['intent', 'failed', 'intent']);
    expect(retries.owns(pinReportsKey(wang.cardNumber))).toBe(true);

    simulator.faults.clear();
    await eventually(async () => (await j.reports()).includes('done'), 'the reset told', {
      withinMs: 10_000,
    });
    expect(resetsAtHost().filter((a) => a.outcome === 'ok')).toHaveLength(3);
    // the reset cleared the wrong PINs before it: the next wrong PIN is the first, no flag
    const next = await host.reportPinEvent(wang.cardNumber, 'wrong', `W-${Date.now()}-after`);
    expect(next).toEqual(expect.objectContaining({ recentFailures: 1, flagged: false }));
  });

  it('a restart while the host is away: the next boot sends the same report, the host answers it once', async () => {
    const j = await aResetJourney();
    const before = aRun(j.journal);
    simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    await reportPinReset({ host, retries: before }, j.tools, wang.cardNumber);
    await j.journal.closeTransaction(j.tx, 'completed', null);
    before.onApplicationShutdown(); // the kiosk stops: its tries end
    simulator.faults.clear();

    const after = aRun(j.journal);
    const reports = new PinResetReports(j.journal, j.db, host, after);
    expect(await reports.resumeAtBoot({ away: false })).toBe(1);
    expect((await j.reports()).at(-1)).toBe('done');
    expect(resetsAtHost().map((a) => a.outcome)).toEqual(['ok']);

    // the host answered and the done was lost (a second restart): sent again, replayed, not applied twice
    await j.journal.recordStep(j.tx, 'host.pinReset', 'intent', { outcome: 'reset', triedAgain: true });
    expect(
      await new PinResetReports(j.journal, j.db, host, aRun(j.journal)).resumeAtBoot({ away: false }),
    ).toBe(1);
    expect(resetsAtHost().map((a) => a.outcome)).toEqual(['ok', 'replay']);
    // nothing owed now: the next boot sends nothing
    expect(
      await new PinResetReports(j.journal, j.db, host, aRun(j.journal)).resumeAtBoot({ away: false }),
    ).toBe(0);
    expect(resetsAtHost()).toHaveLength(2);
  });

  it('a refusal of the host stands: not tried again, not at boot either', async () => {
    const j = await aResetJourney();
    const retries = aRun(j.journal);
    await reportPinReset({ host, retries }, j.tools, 'H00000000000');
    await j.journal.closeTransaction(j.tx, 'completed', null);
    expect(await j.reports()).toEqual(['intent', 'failed']);
    expect(retries.owns(pinReportsKey('H00000000000'))).toBe(false);
    expect(
      await new PinResetReports(j.journal, j.db, host, aRun(j.journal)).resumeAtBoot({ away: false }),
    ).toBe(0);
  });
});
