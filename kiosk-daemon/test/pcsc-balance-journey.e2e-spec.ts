/**
 * The balance journey with the card read and the PIN verified through the real PC/SC stack:
 * daemon → pcsclite → libpcsclite → pcscd (a child of this test) → vpcd → the virtual card.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { missingPcscStack, PcscdProcess } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const missing = missingPcscStack();

if (missing && process.env.CI === 'true') {
  describe('PC/SC stack in CI', () => {
    it('has pcscd, vpcd and the pcsclite binding for the daemon', () => {
      throw new Error(`CI runs the daemon on PC/SC but ${missing}.`);
    });
  });
}

(missing ? describe.skip : describe)('balance journey through pcscd', () => {
  let pcscd: PcscdProcess;
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    // pcscd is machine-wide: suites that need it take turns (the device-drivers PC/SC suite too)
    pcscd = await PcscdProcess.start({ lockTimeoutMs: 240_000 });
    daemon = await startDaemon([
      '--set',
      'demo.panel=true',
      '--set',
      'devices.cardReader.driver=pcsc',
      '--set',
      `devices.cardReader.vpcdPort=${pcscd.basePort}`,
    ]);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 300_000);

  afterAll(async () => {
    ui?.close();
    const code = await daemon?.stop();
    await pcscd?.stop();
    expect(code).toBe(0);
  }, 30_000);

  it('reads EF05/EF06 and verifies the PIN on the card through PC/SC, then shows the balance', async () => {
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
    await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    expect(shown?.card?.maskedName).toBe('张*明');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'ended', 20_000);
    // the reader the daemon used is the PC/SC driver, not the in-process link
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('kiosk_device_up{kind="cardReader"} 1');
    expect(daemon.output.join('\n')).not.toContain('virtual cards are attached in-process');
  }, 90_000);

  it('refuses a wrong PIN with the attempts left counted by the card', async () => {
    await ui.waitForSession((v) => v === null, 15_000);
    await ui.startWithCardAndPin('balance', zhang.key, '000000');
    const wrong = await ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG', 20_000);
    expect(wrong?.pin?.attemptsLeft).toBe(2);
    // the right PIN resets the card's counter
    for (const key of zhang.cardPin) await ui.emit('demo.pinpad', { key });
    await ui.emit('demo.pinpad', { key: 'enter' });
    await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    await ui.emit('session.command', { command: 'cancel' });
  }, 90_000);

  it('pcscd killed and restarted while the daemon runs: the reader goes offline, card journeys are withdrawn, then all is back without a daemon restart', async () => {
    // the previous test cancelled at the balance: the card comes out, the resident takes it
    await ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    const readerState = (k: { devices: readonly { kind: string; device: string }[] }) =>
      k.devices.find((d) => d.kind === 'cardReader')?.device;
    await pcscd.kill();
    const down = await ui.waitForKiosk((k) => readerState(k) === 'offline', 20_000);
    expect(down.journeysOffered).not.toContain('balance');
    await pcscd.restart();
    const up = await ui.waitForKiosk(
      (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
      20_000,
    );
    expect(up.mode).not.toBe('outOfService');
    await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    expect(daemon.child.exitCode).toBeNull(); // the same daemon process throughout
  }, 90_000);

  it('unlocks a blocked PIN under the chip key the host hands out, through PC/SC', async () => {
    const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
    const newPin = '593017';
    const type = async (pin: string) => {
      for (const key of pin) await ui.emit('demo.pinpad', { key });
      await ui.emit('demo.pinpad', { key: 'enter' });
    };
    const takeBack = async () => {
      await ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
      await ui.emit('demo.card', { action: 'take' });
      await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    };
    // three wrong PINs: the card locks its PIN
    await ui.startWithCardAndPin('balance', li.key, '000000');
    for (const [pin, left] of [
      ['000001', 2],
      ['000002', 1],
    ] as const) {
      await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left, 20_000);
      await type(pin);
    }
    await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED', 20_000);
    await takeBack();
    // the reset: ID card and face, the new PIN twice, RESET RETRY COUNTER after mutual authentication
    expect(await ui.emit('session.start', { journey: 'resetPin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard', 20_000);
    await ui.emit('demo.card', { action: 'insert', cardId: li.key });
    await ui.waitForSession((v) => v?.step === 'placeIdCard', 20_000);
    await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await ui.waitForSession((v) => v?.step === 'enterNewPin', 20_000);
    await type(newPin);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin', 20_000);
    await type(newPin);
    await ui.waitForSession((v) => v?.step === 'pinSaved', 20_000);
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
    await ui.emit('session.command', { command: 'finish' });
    await takeBack();
    await ui.emit('demo.idCard', { action: 'remove' });
    // the card answers to the new PIN
    await ui.startWithCardAndPin('balance', li.key, newPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(li.balanceFen);
    await ui.emit('session.command', { command: 'finish' });
    await takeBack();
  }, 120_000);
});
