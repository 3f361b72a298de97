/**
 * Fault: the electronic journal for auditors (`GET /journal/export`) was served to anyone on the
 * kiosk's loopback address, no staff log-in asked, and nothing recorded who took it. Now it needs a
 * supervisor's maintenance visit: without one it is refused STAFF_NOT_LOGGED_IN (401), to an
 * engineer STAFF_ROLE_NOT_ALLOWED (403), nothing of the journal sent; a supervisor's export is
 * journaled in the visit (range, format, how many transactions), no PIN and no personal data.
 *
 * Fault: a refused export was journaled and logged nowhere, so an engineer's or a stray process's
 * attempt to take the journal left no trace for field engineers or auditors. Now an attempt
 * within an engineer's visit is a step of that visit (`maintenance.journalExportRefused`), one
 * without a visit a warning in the daemon's log (the range asked, never a token).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { exportJournalAsSupervisor } from './journal-export-client.js';
import { readJournalFile } from './journal-steps.js';
import { DEMO_ENGINEER, DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';

let daemon: DaemonProcess;
let ui: UiClient;
const day = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  daemon = await startDaemon(['--set', 'demo.panel=true']);
  ui = new UiClient(daemon.url);
  await ui.connected();
  await ui.waitForKiosk((v) => v.mode === 'inService');
}, 60_000);

afterAll(async () => {
  ui?.close();
  await daemon?.stop();
});

/**
 * The daemon's log lines that satisfy `wanted`, once there is one: the log may come after the
 * answer, through the daemon's output pipe (15 s, the e2e specs' liveness bound; an empty list after
 * 5 s before, failing as a missing line on a machine slow enough).
 */
const logLines = (wanted: (line: string) => boolean): Promise<string[]> =>
  eventually(() => daemon.output.filter(wanted), 'the refused export in the log', {
    withinMs: 15_000,
    until: (lines) => lines.length > 0,
  });

async function exportWith(authorization?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${daemon.url}/journal/export?from=${day}&to=${day}`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: response.status, text: await response.text() };
}

describe('journal export without staff login', () => {
  it.each([
    ['no authorization', undefined, 'no staff token'],
    ['a token of no visit', 'Bearer not-a-visit', 'a token of no visit'],
  ])(
    '%s: refused STAFF_NOT_LOGGED_IN (401), nothing of the journal sent, the attempt in the log',
    async (_what, authorization, told) => {
      const answer = await exportWith(authorization);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toMatchObject({ code: ErrorCode.STAFF_NOT_LOGGED_IN });
      expect(answer.text).not.toMatch(/journey|transactionId|JZ-9001-/);
      const lines = await logLines(
        (line) => line.includes('journal export refused (STAFF_NOT_LOGGED_IN)') && line.includes(told),
      );
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(day);
      expect(daemon.output.join('\n')).not.toContain('not-a-visit');
    },
  );

  it("an engineer's visit: refused STAFF_ROLE_NOT_ALLOWED (403), nothing of the journal sent", async () => {
    const login = await staffLogIn(daemon.url, ui, DEMO_ENGINEER);
    const token = (login.body as { token: string }).token;
    try {
      const answer = await exportWith(`Bearer ${token}`);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({ code: ErrorCode.STAFF_ROLE_NOT_ALLOWED });
      expect(answer.text).not.toMatch(/journey|transactionId|JZ-9001-/);
      // the attempt is a step of the engineer's visit
      const steps = readJournalFile(daemon.journalPath, (db) =>
        db
          .prepare(
            `SELECT s.step AS step, s.detail AS detail FROM journal_step s
             WHERE s.transactionId IN (SELECT transactionId FROM journal_step WHERE step = 'maintenance.journalExportRefused')
             ORDER BY s.seq`,
          )
          .all(),
      ) as { step: string; detail: string | null }[];
      expect(steps.map((s) => s.step)).toEqual(['maintenance.login', 'maintenance.journalExportRefused']);
      expect(JSON.parse(steps[0]!.detail!)).toMatchObject({ staffId: DEMO_ENGINEER.id });
      expect(JSON.parse(steps[1]!.detail!)).toEqual({
        from: day,
        to: day,
        format: null,
        code: ErrorCode.STAFF_ROLE_NOT_ALLOWED,
        role: 'engineer',
      });
    } finally {
      await maintenanceCall(daemon.url, 'POST', '/maintenance/logout', { token });
      await ui.waitForKiosk((v) => v.mode === 'inService');
    }
  }, 30_000);

  it("a supervisor's visit: the journal sent, the export journaled in the visit", async () => {
    const answer = await exportJournalAsSupervisor(daemon.url, ui, `from=${day}&to=${day}&format=jsonl`);
    expect(answer.status).toBe(200);
    const journeys = answer.text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { journey: string }).journey);
    // the engineer's visit before it, and the supervisor's own
    expect(journeys.filter((j) => j === 'maintenance').length).toBeGreaterThanOrEqual(2);
    const steps = readJournalFile(daemon.journalPath, (db) =>
      db
        .prepare(
          `SELECT s.transactionId AS t, s.step AS step, s.detail AS detail FROM journal_step s
           WHERE s.transactionId IN (SELECT transactionId FROM journal_step WHERE step = 'maintenance.journalExported')
           ORDER BY s.seq`,
        )
        .all(),
    ) as { t: string; step: string; detail: string | null }[];
    expect(steps.map((s) => s.step)).toEqual([
      'maintenance.login',
      'maintenance.journalExported',
      'maintenance.logout',
    ]);
    expect(JSON.parse(steps[0]!.detail!)).toMatchObject({ staffId: DEMO_SUPERVISOR.id });
    expect(JSON.parse(steps[1]!.detail!)).toEqual({
      from: day,
      to: day,
      format: 'jsonl',
      transactions: journeys.length,
    });
    expect(steps.map((s) => s.detail ?? '').join('\n')).not.toContain(DEMO_SUPERVISOR.pin);
  }, 30_000);
});
