/**
 * Field staff's refills through the real daemon process, reported to the real fleet monitor (its
 * embedded MQTT broker; the monitor's ingest is the broker's subscriber): the receipt paper runs
 * out, the kiosk holds back receipts (degraded, PAPER_EMPTY) and the fleet sees it; an engineer
 * logs in with staff card and PIN, refills the paper; the kiosk is back in service and the fleet
 * got the refill event. Then cash and bins over the same API: the wrong role refused, a count
 * that does not reconcile refused, a test dispense and a test card into the reject bins, the bin
 * emptied, the cassette refilled, and the reconciliation report balancing; and a fault that is
 * still present kept out of service.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { readJournalFile } from './journal-steps.js';
import {
  DEMO_ENGINEER,
  DEMO_SUPERVISOR,
  startKioskAtFleet,
  type KioskAtFleet,
} from './maintenance-client.js';

let kiosk: KioskAtFleet;

/** Presents the staff card, types the PIN on the (demo) PIN pad; answers the visit's token. */
async function logIn(staff: { id: string; pin: string }): Promise<string> {
  const login = await kiosk.logIn(staff);
  expect(login.status).toBe(200);
  return login.body.token as string;
}

async function logOut(token: string): Promise<void> {
  expect((await kiosk.call('POST', '/maintenance/logout', { token })).status).toBe(204);
  await kiosk.ui.waitForKiosk((v) => v.mode !== 'maintenance');
}

beforeAll(async () => {
  kiosk = await startKioskAtFleet();
}, 90_000);

afterAll(async () => {
  await kiosk?.close();
});

describe('field staff refill the kiosk', () => {
  it('paper runs out: receipts held back and the fleet sees it; staff refill; back in service, the refill event at the fleet', async () => {
    expect(await kiosk.ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'paperOut' })).toEqual({
      ok: true,
    });
    const degraded = await kiosk.ui.waitForKiosk((v) => v.mode === 'degraded', 15_000);
    // ESC/POS printers stop (offline) at paper end: the printer reads down, its paper empty
    expect(['PAPER_EMPTY', 'RECEIPT_PRINTER_DOWN']).toContain(degraded.reason);
    expect(degraded.devices.find((d) => d.kind === 'receiptPrinter')?.supplies).toContainEqual({
      name: 'paper',
      level: 'empty',
    });
    // the records stay on screen, their printing withheld (RULES.md: the rest stays up)
    expect(degraded.journeysOffered).toContain('records');
    expect(degraded.journeysOffered).toContain('balance');
    await eventually(kiosk.detail, 'the fleet sees the kiosk degraded for paper', {
      withinMs: 10_000,
      until: (d) => d.body?.status?.mode === 'degraded',
    });

    const token = await logIn(DEMO_ENGINEER);
    const view = await kiosk.call('GET', '/maintenance/view', { token });
    expect(view.status).toBe(200);
    expect(view.body.supplies).toContainEqual(
      expect.objectContaining({
        device: 'receiptPrinter',
        supply: 'paper',
        level: 'empty',
        countedBy: 'staff',
      }),
    );
    const refill = await kiosk.call('POST', '/maintenance/refill', {
      token,
      body: { device: 'receiptPrinter', supply: 'paper', added: 1 },
    });
    expect(refill).toMatchObject({
      status: 200,
      body: { device: 'receiptPrinter', supply: 'paper', quantity: 1 },
    });
    await logOut(token);
    const back = await kiosk.ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
    expect(back.journeysOffered).toContain('records');

    const detail = await eventually(
      kiosk.detail,
      'the fleet got the refill and sees the kiosk back in service',
      {
        withinMs: 10_000,
        until: (d) =>
          d.body?.status?.mode === 'inService' &&
          d.body.events.some((e: { action?: string }) => e.action === 'refill'),
      },
    );
    expect(detail.body.events).toContainEqual(
      expect.objectContaining({
        type: 'maintenance',
        action: 'refill',
        staffId: DEMO_ENGINEER.id,
        device: 'receiptPrinter',
        supply: 'paper',
        count: 1,
      }),
    );

    const metrics = await (await fetch(`${kiosk.daemon.url}/metrics`)).text();
    expect(metrics).toMatch(/kiosk_maintenance_actions_total\{action="refill",result="ok"\} 1/);

    // the journal file (the auditors' export would take a supervisor's visit into the fleet's events)
    const lastVisit = readJournalFile(kiosk.daemon.journalPath, (db) =>
      db
        .prepare(
          `SELECT s.step || ':' || s.phase AS s FROM journal_step s WHERE s.transactionId =
             (SELECT id FROM journal_transaction WHERE journey = 'maintenance' ORDER BY serial DESC LIMIT 1)
           ORDER BY s.seq`,
        )
        .all()
        .map((r) => (r as { s: string }).s),
    );
    expect(lastVisit).toEqual([
      'maintenance.login:done',
      'maintenance.refill:intent',
      'maintenance.refill:done',
      'maintenance.logout:done',
    ]);
  }, 90_000);

  it('cash and bins: wrong role refused, a count that does not reconcile refused, test notes and card, bin emptied, refilled, reconciled', async () => {
    const engineer = await logIn(DEMO_ENGINEER);
    const first = (await kiosk.call('GET', '/maintenance/view', { token: engineer })).body;
    const upper = first.supplies.find((s: { supply: string }) => s.supply === 'cassette:upper');
    expect(upper).toMatchObject({ device: 'cashDispenser', allowed: false });
    const cash = {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      denominationFen: upper.denominationFen,
    };
    expect(
      await kiosk.call('POST', '/maintenance/refill', { token: engineer, body: { ...cash, added: 10 } }),
    ).toMatchObject({
      status: 403,
      body: { code: 'STAFF_ROLE_NOT_ALLOWED' },
    });
    await logOut(engineer);

    const token = await logIn(DEMO_SUPERVISOR);
    expect(
      await kiosk.call('POST', '/maintenance/refill', {
        token,
        body: { ...cash, added: 10, countedBefore: upper.count + 7 },
      }),
    ).toMatchObject({ status: 422, body: { code: 'MAINTENANCE_COUNT_MISMATCH' } });
    const test = await kiosk.call('POST', '/maintenance/test-dispense', { token });
    expect(test.status).toBe(200);
    const notes = test.body.notes as number;
    expect(notes).toBeGreaterThanOrEqual(1);
    expect(await kiosk.call('POST', '/maintenance/test-card', { token })).toMatchObject({ status: 200 });
    const after = (await kiosk.call('GET', '/maintenance/view', { token })).body;
    const reject = after.supplies.find(
      (s: { device: string; supply: string }) => s.device === 'cashDispenser' && s.supply === 'rejectBin',
    );
    expect(
      await kiosk.call('POST', '/maintenance/empty-bin', {
        token,
        body: { device: 'cashDispenser', supply: 'rejectBin', counted: reject.count },
      }),
    ).toMatchObject({ status: 200, body: { after: 0 } });
    const before = after.supplies.find((s: { supply: string }) => s.supply === 'cassette:upper')
      .count as number;
    expect(
      await kiosk.call('POST', '/maintenance/refill', {
        token,
        body: { ...cash, added: 50, countedBefore: before },
      }),
    ).toMatchObject({ status: 200, body: { after: before + 50 } });

    const report = await kiosk.call('GET', '/maintenance/reconciliation', { token });
    expect(report.status).toBe(200);
    const lines = report.body.lines as { device: string; supply: string; reconciles: boolean }[];
    const cashLines = lines.filter((l) => l.device === 'cashDispenser');
    expect(cashLines.map((l) => l.supply)).toEqual(expect.arrayContaining(['cassette:upper', 'rejectBin']));
    expect(lines.filter((l) => !l.reconciles)).toEqual([]);
    expect(lines.find((l) => l.supply === 'cassette:upper')).toMatchObject({
      byStaff: 50,
      after: before + 50,
    });
    // the card blanks: the test card spoiled into the reject bin, none issued, nothing unexplained
    expect(report.body.cardBlanks).toMatchObject({ issued: 0, spoiled: 1, difference: 0, reconciles: true });
    expect(first.cardsIssued).toBeNull();
    await logOut(token);

    const detail = await eventually(kiosk.detail, 'the fleet got the cash refill and the log-out', {
      withinMs: 10_000,
      until: (d) =>
        d.body.events.filter((e: { action?: string }) => e.action === 'refill').length >= 2 &&
        d.body.events.some(
          (e: { action?: string; staffId?: string }) =>
            e.action === 'logout' && e.staffId === DEMO_SUPERVISOR.id,
        ),
    });
    const actions = detail.body.events
      .filter(
        (e: { type: string; staffId?: string }) =>
          e.type === 'maintenance' && e.staffId === DEMO_SUPERVISOR.id,
      )
      .map((e: { action: string; code?: string }) => `${e.action}${e.code ? `:${e.code}` : ''}`)
      .reverse();
    expect(actions).toEqual([
      'login',
      'refill:MAINTENANCE_COUNT_MISMATCH',
      'testDispense',
      'testCard',
      'emptyBin',
      'refill',
      'logout',
    ]);
  }, 90_000);

  it('clearing a fault that is still present: MAINTENANCE_FAULT_PERSISTS and the printer stays out; once put right, back', async () => {
    expect(await kiosk.ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'coverOpen' })).toEqual({
      ok: true,
    });
    await kiosk.ui.waitForKiosk((v) => v.mode === 'degraded', 15_000);
    const token = await logIn(DEMO_ENGINEER);
    expect(
      await kiosk.call('POST', '/maintenance/clear-fault', { token, body: { device: 'receiptPrinter' } }),
    ).toMatchObject({
      status: 409,
      body: { code: 'MAINTENANCE_FAULT_PERSISTS', details: { device: 'receiptPrinter' } },
    });
    await logOut(token);
    const still = await kiosk.ui.waitForKiosk((v) => v.mode !== 'maintenance' && v.mode !== 'selfTest');
    // the printer stays out: degraded for it, the records offered on screen without printing
    expect(still).toMatchObject({ mode: 'degraded', reason: 'RECEIPT_PRINTER_DOWN' });

    expect(await kiosk.ui.emit('demo.fault', { device: 'receiptPrinter', fault: null })).toEqual({
      ok: true,
    });
    const again = await logIn(DEMO_ENGINEER);
    expect(
      await kiosk.call('POST', '/maintenance/clear-fault', {
        token: again,
        body: { device: 'receiptPrinter' },
      }),
    ).toMatchObject({ status: 200, body: { device: 'receiptPrinter' } });
    await logOut(again);
    const back = await kiosk.ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
    expect(back.journeysOffered).toContain('records');
  }, 90_000);
});
