/**
 * The bundled daemon is what `npm start` and the systemd unit run. On the demo profile it reaches
 * the roads the test profile does not: the LCDM dispenser, the GA 467 ID reader and the SZZT style
 * PIN pad on their serial drivers over pseudo-terminals (native bindings left outside the bundle;
 * the demo panel's PIN typed on the serial pad), the camera over HTTP against the face-match
 * service's emulator (the demo panel's face score reaching it), the embedded host
 * simulator (a lazy chunk with Fastify), the demo panel, the touch UI's build and a receipt in
 * GB18030 (iconv-lite's tables required from node_modules).
 */
import { fileURLToPath } from 'node:url';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('the bundled daemon on the demo profile', () => {
  const suite = daemonForSuite(['--profile', 'demo', '--set', 'gateway.port=0'], { entry: BUNDLED_MAIN });

  it('is in service with every journey, the serial devices online and the touch UI served', async () => {
    const { daemon, ui } = suite;
    const kiosk = await ui.waitForKiosk((k) => k.mode === 'inService');
    expect(kiosk.journeysOffered).toEqual(expect.arrayContaining(['balance', 'withdraw', 'issueCard']));
    expect(kiosk.devices.find((d) => d.kind === 'cashDispenser')?.device).toBe('online');
    expect(kiosk.devices.find((d) => d.kind === 'idReader')?.device).toBe('online');
    expect(kiosk.devices.find((d) => d.kind === 'pinPad')?.device).toBe('online');
    expect(kiosk.devices.find((d) => d.kind === 'camera')?.device).toBe('online');
    // the serial pad's line faults and the face-match service's own are its emulators' alone
    for (const [device, fault] of [
      ['pinPad', 'badCheckByte'],
      ['camera', 'notLive'],
    ] as const) {
      expect(await ui.emit('demo.fault', { device, fault })).toEqual({ ok: true });
      expect(await ui.emit('demo.fault', { device, fault: null })).toEqual({ ok: true });
    }
    const page = await fetch(daemon.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('pays a withdrawal through the LCDM frames and the embedded host', async () => {
    const { ui } = suite;
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
    expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'takeCash', 15_000);
    const atSlot = await ui.waitForDemo((d) => d.cash?.atSlot === true);
    expect(atSlot.cash?.amountFen).toBe(10_000);
    expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
    // the receipt in GB18030 through the ESC/POS driver and the printer emulator: iconv-lite's
    // tables are required from node_modules when first used, outside the bundle
    const printed = await ui.waitForDemo((d) => d.receipt?.text.includes('100.00') === true);
    expect(printed.receipt?.text).toContain('张*明');
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 15_000);
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    const ended = await ui.waitForSession((v) => v?.step === 'ended');
    expect(ended?.outcome).toBe('completed');
    // the resident's receipt leaves the panel with the session
    await ui.waitForDemo((d) => d.receipt === undefined);
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 60_000);
});
