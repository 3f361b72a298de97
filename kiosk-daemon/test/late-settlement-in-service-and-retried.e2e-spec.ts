/**
 * Two faults of the late settlement of withdrawals when the cash dispenser comes back (ADR 0020),
 * beside `dispenser-back-after-boot-settles-left-withdrawal`:
 *
 * - A held withdrawal the late sweep left for the dispenser while the kiosk was in service was
 *   never settled when the dispenser came back. li's 200 yuan were presented and her session ended
 *   without settling the hold (as a journey leaving notes in the presenter ends); the next boot
 *   met the host away, so the sweep of held withdrawals ran in the background once it answered,
 *   with the dispenser silent: left for staff (the dispenser's reason) while the kiosk served the
 *   other journeys. The dispenser-back settlement ran only while a failed self test held the kiosk,
 *   so the hold stayed until the next boot or staff. Now it is settled when the dispenser answers,
 *   the kiosk held meanwhile (read as a self test, nothing offered), then placed by its devices.
 * - A dispenser that drops only for an instant during the late settlement (its retract unanswered,
 *   the line back at once) was tried again only at its next comeback, the next boot or by staff.
 *   Now the settlement is tried again with the reopen's backoff, said in the log with its code.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process behind a relay that can be down (`dispenser-back-world.ts`);
 * on the SQLite journal file and on PostgreSQL. The reopen's waits are short here (0.5 s to 1 s).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  AMOUNT_FEN,
  DISPENSER_SILENT,
  dispenserBackWorlds,
  QUICK_REOPEN,
  kioskViews,
} from './dispenser-back-world.js';
import { HttpRelay } from './http-relay.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';

const BACK_MS = 60_000;

/** The host's link: `down` answers every call 503 (the host does not answer). */
class HostLinkRelay extends HttpRelay {
  down = false;

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    if (this.down) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"INTERNAL"}');
      return;
    }
    this.forward(req, res, body, (answer) => {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  }
}

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('fault: a held withdrawal the late sweep left for the dispenser while the kiosk was in service: settled once it is back, the kiosk held meanwhile, reversed once', async () => {
    let relay!: HostLinkRelay;
    const w = await worlds.start((url) => (relay = new HostLinkRelay(url)));
    const tx = await w.cutShortWithNotesAtSlot();
    await w.endedUnsettled(tx);

    // the host away at boot, the dispenser silent: the kiosk serves what it can, the sweep waits
    relay.down = true;
    const { ui } = await w.bootWithDispenserSilent(QUICK_REOPEN);
    expect(ui.kiosk).toMatchObject({ mode: 'degraded' });
    expect(ui.kiosk?.journeysOffered).not.toContain('withdraw');
    relay.down = false;
    await eventually(() => w.needsStaffReasons(tx), '1 needs-staff reasons journaled', {
      withinMs: 30_000,
      everyMs: 200,
      until: (reasons) => reasons.length === 1,
    });
    expect(await w.needsStaffReasons(tx)).toEqual([DISPENSER_SILENT]);
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    expect(ui.kiosk).toMatchObject({ mode: 'degraded' });
    const before = ui.traffic.length;

    await w.plugIn();
    await eventually(() => w.stepNames(tx), 'recovery.withdrawal.reverse:done journaled', {
      withinMs: BACK_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.withdrawal.reverse:done'),
    });
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 10_000);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.dispenserBack:event')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:intent')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    expect(steps).not.toContain('recovery.withdrawal.confirm:intent');
    const at = (s: string) => steps.lastIndexOf(s);
    expect(at('recovery.dispenserBack:event')).toBeLessThan(at('recovery.cash.retract:intent'));
    expect(at('recovery.cash.retract:done')).toBeLessThan(at('recovery.withdrawal.reverse:intent'));
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    expect(await w.journalRetractBin()).toBe(2);
    // held from the comeback: read as a self test offering nothing, withdrawals offered only after
    // it (no resident beside the retract), never out of service
    const views = kioskViews(ui.traffic.slice(before));
    const held = views.findIndex((v) => v.mode === 'selfTest' && v.journeysOffered.length === 0);
    expect(held).toBeGreaterThanOrEqual(0);
    expect(views.findIndex((v) => v.journeysOffered.includes('withdraw'))).toBeGreaterThan(held);
    expect(views.slice(0, held).every((v) => v.mode === 'degraded')).toBe(true);
    expect(views.map((v) => v.mode)).not.toContain('outOfService');
  }, 180_000);

  it('fault: the dispenser dropping for an instant during the late settlement: tried again with the backoff, settled once', async () => {
    const w = await worlds.start();
    const tx = await w.cutShortWithNotesAtSlot();
    const { ui, daemon } = await w.bootWithDispenserSilent(QUICK_REOPEN);
    expect(ui.kiosk).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_FAILED' });
    // the late retract reaches a dispenser that does not answer it, its line staying up
    await w.emulator.retractFault('failsOnce');
    await w.plugIn();
    await ui.waitForKiosk((k) => k.mode === 'inService', BACK_MS);
    expect(await w.emulator.retractsTried()).toBe(2);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.cash.retract:failed')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:intent')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    expect(await w.transaction(tx)).toEqual({ status: 'closed', outcome: 'interrupted' });
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    // the try again said with the fault's code
    expect(daemon.output.join('\n')).toContain(
      `the dispenser did not answer the late settlement (${ErrorCode.DEVICE_TIMEOUT}): tried again in 500 ms`,
    );
  }, 180_000);
}

describe('late settlement of withdrawals when the dispenser is back, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('late settlement of withdrawals when the dispenser is back, on PostgreSQL', () => {
  onPostgres('late settlement in service and retried', scenarios);
});
