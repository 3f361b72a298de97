/**
 * The balance journey with the card read and the PIN verified through the real PC/SC stack:
 * daemon → pcsclite → libpcsclite → pcscd (a child of this test) → vpcd → the virtual card.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { describeOnPcscd } from './daemon-on-pcscd.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/** no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next case */
const ON_PCSCD = { lockTimeoutMs: 240_000, args: ['--set', 'timeouts.endedViewMs=1000'] };

describeOnPcscd('balance journey through pcscd', ON_PCSCD, (suite) => {
  it('reads EF05/EF06 and verifies the PIN on the card through PC/SC, then shows the balance', async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
    await suite.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const shown = await suite.ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    expect(shown?.card?.maskedName).toBe('张*明');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.waitForSession((v) => v?.step === 'ended', 20_000);
    // the reader the daemon used is the PC/SC driver, not the in-process link
    const metrics = await (await fetch(`${suite.daemon.url}/metrics`)).text();
    expect(metrics).toContain('kiosk_device_up{kind="cardReader"} 1');
    expect(suite.daemon.output.join('\n')).not.toContain('virtual cards are attached in-process');
  }, 90_000);

  it('refuses a wrong PIN with the attempts left counted by the card', async () => {
    await suite.ui.waitForSession((v) => v === null, 15_000);
    await suite.ui.startWithCardAndPin('balance', zhang.key, '000000');
    const wrong = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG', 20_000);
    expect(wrong?.pin?.attemptsLeft).toBe(2);
    // the right PIN resets the card's counter
    for (const key of zhang.cardPin) await suite.ui.emit('demo.pinpad', { key });
    await suite.ui.emit('demo.pinpad', { key: 'enter' });
    await suite.ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    await suite.ui.emit('session.command', { command: 'cancel' });
  }, 90_000);

  it('pcscd killed and restarted while the daemon runs: the reader goes offline, card journeys are withdrawn, then all is back without a daemon restart', async () => {
    // the previous test cancelled at the balance: the card comes out, the resident takes it
    await suite.ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    const readerState = (k: { devices: readonly { kind: string; device: string }[] }) =>
      k.devices.find((d) => d.kind === 'cardReader')?.device;
    await suite.pcscd.kill();
    const down = await suite.ui.waitForKiosk((k) => readerState(k) === 'offline', 20_000);
    expect(down.journeysOffered).not.toContain('balance');
    await suite.pcscd.restart();
    const up = await suite.ui.waitForKiosk(
      (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
      20_000,
    );
    expect(up.mode).not.toBe('outOfService');
    await suite.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const shown = await suite.ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    expect(suite.daemon.child.exitCode).toBeNull(); // the same daemon process throughout
  }, 90_000);

  it('unlocks a blocked PIN under the chip key the host hands out, through PC/SC', async () => {
    const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
    const newPin = '593017';
    const type = async (pin: string) => {
      for (const key of pin) await suite.ui.emit('demo.pinpad', { key });
      await suite.ui.emit('demo.pinpad', { key: 'enter' });
    };
    const takeBack = async () => {
      await suite.ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
      await suite.ui.emit('demo.card', { action: 'take' });
      await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    };
    // three wrong PINs: the card locks its PIN
    await suite.ui.startWithCardAndPin('balance', li.key, '000000');
    for (const [pin, left] of [
      ['000001', 2],
      ['000002', 1],
    ] as const) {
      await suite.ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left, 20_000);
      await type(pin);
    }
    await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED', 20_000);
    await takeBack();
    // the reset: ID card and face, the new PIN twice, RESET RETRY COUNTER after mutual authentication
    expect(await suite.ui.emit('session.start', { journey: 'resetPin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard', 20_000);
    await suite.ui.emit('demo.card', { action: 'insert', cardId: li.key });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard', 20_000);
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await suite.ui.waitForSession((v) => v?.step === 'enterNewPin', 20_000);
    await type(newPin);
    await suite.ui.waitForSession((v) => v?.step === 'confirmNewPin', 20_000);
    await type(newPin);
    await suite.ui.waitForSession((v) => v?.step === 'pinSaved', 20_000);
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
    await suite.ui.emit('session.command', { command: 'finish' });
    await takeBack();
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    // the card answers to the new PIN
    await suite.ui.startWithCardAndPin('balance', li.key, newPin);
    const shown = await suite.ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(li.balanceFen);
    await suite.ui.emit('session.command', { command: 'finish' });
    await takeBack();
  }, 120_000);
});
