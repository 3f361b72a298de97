/**
 * The face-match camera as a production kiosk drives it, the service over HTTP behind the real
 * driver, on the bundled daemon (what terminals start, ADR 0012): the test profile with
 * `devices.camera: { driver: http, emulated: true }`, the service's emulator on a loopback port
 * of the daemon's own. The kiosk offers the journeys that need a face match; a withdrawal goes
 * through a face that does not match and a try that does, paid; the journal keeps the scores only.
 * The service's camera unplugged takes those journeys away until it is back (ADR 0023).
 */
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const FACE_JOURNEYS = ['withdraw', 'issueCard', 'replaceCard', 'resetPin', 'reportLoss'] as const;

describe('the face-match camera over HTTP on the bundled daemon', () => {
  const suite = daemonForSuite(
    [
      '--set',
      'devices.camera.driver=http',
      '--set',
      'devices.camera.emulated=true',
      '--set',
      'devices.camera.healthPollMs=200',
      // no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next case
      '--set',
      'timeouts.endedViewMs=1000',
    ],
    { entry: BUNDLED_MAIN },
  );

  /** the face.match steps of the withdrawals, their details as journaled */
  const faceMatches = () => {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      return db
        .prepare(
          `SELECT s.detail AS detail FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
           WHERE t.journey = 'withdraw' AND s.step = 'face.match' ORDER BY t.serial, s.seq`,
        )
        .all()
        .map((r) => (r as { detail: string | null }).detail);
    } finally {
      db.close();
    }
  };

  it('is in service with the camera online over HTTP and every journey that needs a face match', async () => {
    const kiosk = await suite.ui.waitForKiosk((k) => k.mode === 'inService', 20_000);
    expect(kiosk.devices.find((d) => d.kind === 'camera')?.device).toBe('online');
    expect(kiosk.journeysOffered).toEqual(expect.arrayContaining([...FACE_JOURNEYS]));
    // past the wait's own 20 s: a kiosk never in service fails on the wait, saying so
  }, 30_000);

  it('pays a withdrawal after a face that did not match and a try that did; the journal keeps the scores only', async () => {
    const { ui } = suite;
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await ui.emit('demo.face', { score: 40 })).toEqual({ ok: true });
    expect(await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'faceNotMatched', 15_000);
    expect(await ui.emit('demo.face', { score: 90 })).toEqual({ ok: true });
    expect(await ui.emit('session.command', { command: 'retry' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
    expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'takeCash', 15_000);
    expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 15_000);
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    // the ended view stays 1 s: waited for from the take on
    const ended = await ui.emitAndWaitForSession(
      'demo.card',
      { action: 'take' },
      (v) => v?.step === 'ended',
      15_000,
    );
    expect(ended?.outcome).toBe('completed');
    await ui.emit('demo.idCard', { action: 'remove' });
    expect(faceMatches().map((d) => JSON.parse(d ?? '{}') as unknown)).toEqual([
      { score: 40 },
      { score: 90 },
    ]);
  }, 90_000);

  it("fault: the service's camera unplugged: the camera offline and no face journey offered, until it is back", async () => {
    const { ui } = suite;
    await ui.waitForSession((v) => v === null, 20_000);
    expect(await ui.emit('demo.fault', { device: 'camera', fault: 'offline' })).toEqual({ ok: true });
    const down = await ui.waitForKiosk(
      (k) => k.devices.find((d) => d.kind === 'camera')?.device === 'offline',
      10_000,
    );
    for (const journey of FACE_JOURNEYS) expect(down.journeysOffered).not.toContain(journey);
    expect(down.journeysOffered).toContain('balance');
    expect(await ui.emit('demo.fault', { device: 'camera', fault: null })).toEqual({ ok: true });
    const back = await ui.waitForKiosk(
      (k) => FACE_JOURNEYS.every((j) => k.journeysOffered.includes(j)),
      10_000,
    );
    expect(back.devices.find((d) => d.kind === 'camera')?.device).toBe('online');
  }, 30_000);
});
