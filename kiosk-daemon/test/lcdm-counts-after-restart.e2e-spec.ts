/**
 * A real LCDM dispenser senses near-end only: it counts no notes, the kiosk does. The daemon on a
 * dispenser port of its own (here a pseudo terminal whose far end is an LCDM emulator on a thread of
 * its own, `emulator-thread.ts`, standing for the device that outlives the daemon) pays a withdrawal, stops and starts
 * again: the notes left are the journal's count, not the configured count again. The count shows
 * through the cassette's level: 21 hundred-yuan notes with the low mark at 20 read 'ok', the 20
 * left after one is paid read 'low' (the emulator's own near-end sensor is set not to trip).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { lcdmOnThread, type LcdmOps, type OnThread } from './emulator-thread.js';
import { writeSerialProfile, type SerialProfile } from './serial-devices-config.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

const upperLevel = (ui: UiClient) =>
  ui.kiosk?.devices.find((d) => d.kind === 'cashDispenser')?.supplies.find((s) => s.name === 'cassette:upper')
    ?.level;

describe('real LCDM port: the notes left come back from the journal after a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-lcdm-counts-'));
  let emulator: OnThread<LcdmOps>;
  let profile: SerialProfile;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;

  async function start(): Promise<UiClient> {
    daemon = await startDaemon(profile.args, { dir });
    ui = new UiClient(daemon.url);
    await ui.connected();
    return ui;
  }

  beforeAll(async () => {
    emulator = await lcdmOnThread({ upper: { count: 21, nearEndAt: 0 }, lower: { count: 200 } });
    profile = writeSerialProfile({ cashDispenserPath: emulator.hostPath, upperCount: 21 });
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    await daemon?.stop();
    await emulator?.close();
    profile?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pays 100 yuan, restarts, and counts the 20 notes left, as the journal does, not the 21 configured', async () => {
    const client = await start();
    await client.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    expect(upperLevel(client)).toBe('ok');
    await client.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await client.waitForSession((v) => v?.step === 'placeIdCard');
    await client.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await client.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
    expect(await client.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    await client.waitForSession((v) => v?.step === 'takeCash', 15_000);
    // the dispenser is not the daemon's to emulate here: the resident takes the notes at the device
    expect(await emulator.takeCash()).toBe(true);
    await client.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 15_000);
    if (client.session?.step === 'cashWithdrawn') {
      await client.emit('session.command', { command: 'finish' });
      await client.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await client.finishAndTakeCard();
    await client.emit('demo.idCard', { action: 'remove' });
    await client.waitForKiosk(() => upperLevel(client) === 'low');

    ui!.close();
    expect(await daemon!.stop()).toBe(0);
    const again = await start();
    await again.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    expect(upperLevel(again)).toBe('low');
    // nothing moved while the daemon was down: recovery finds no difference to report
    expect(daemon!.output.join('\n')).not.toContain(
      'device counters moved since the journal last recorded them',
    );
  }, 90_000);
});
