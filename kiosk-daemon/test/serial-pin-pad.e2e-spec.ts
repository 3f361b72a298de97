/**
 * The bundled daemon with the serial PIN pad as production has it (the SZZT style driver on its
 * serial line), the pad emulated byte for byte on a pseudo terminal (`devices.pinPad: { driver:
 * serial, emulatedOnPseudoTerminal: true }`): the pad's road loads from its chunk, the PIN journeys
 * are offered, and a resident's balance journey runs to its end with the PIN typed on the pad,
 * which never reaches the UI, the logs or the journal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { driveBalanceJourney, zhang } from './balance-journey-suite.js';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './serial-devices-config.js';
import { secretsShownIn } from './secrets-shown.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const PIN_JOURNEYS = ['balance', 'records', 'withdraw', 'activatePin', 'changePin', 'resetPin'] as const;

describe('serial PIN pad on the bundled daemon', () => {
  const suite = daemonForSuite(
    [
      ...['--set', 'devices.pinPad.driver=serial', '--set', 'devices.pinPad.emulatedOnPseudoTerminal=true'],
      // no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next journey
      ...['--set', 'timeouts.endedViewMs=1000'],
    ],
    { entry: BUNDLED_MAIN },
  );

  it('reads the pad online and offers every PIN journey', async () => {
    const kiosk = await suite.ui.waitForKiosk((k) =>
      PIN_JOURNEYS.every((j) => k.journeysOffered.includes(j)),
    );
    expect(kiosk.devices.find((d) => d.kind === 'pinPad')).toMatchObject({ device: 'online' });
  });

  // the demo panel's line faults of the PIN's answer: each a fault only the byte-level pad knows
  it.each([
    ['a bad check byte', 'badCheckByte'],
    ['its length field corrupted', 'corruptedLength'],
  ] as const)(
    'completes a balance journey with the PIN typed on the serial pad, its answer with %s asked again',
    async (_, fault) => {
      const ui = suite.ui;
      await ui.waitForSession((v) => v === null, 20_000);
      await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
      expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      expect(await ui.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'enterPin');
      for (const key of zhang.cardPin) expect(await ui.emit('demo.pinpad', { key })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.pin?.entered === 6);
      // the PIN's answer spoiled on the line (the in-memory emulator refuses such a fault), asked
      // again by the driver
      expect(await ui.emit('demo.fault', { device: 'pinPad', fault })).toEqual({ ok: true });
      await ui.emit('demo.pinpad', { key: 'enter' });
      const shown = await ui.waitForSession((v) => v?.step === 'showBalance');
      expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
      expect((await ui.finishAndTakeCard())?.outcome).toBe('completed');
      expect(await ui.emit('demo.fault', { device: 'pinPad', fault: null })).toEqual({ ok: true });
    },
    60_000,
  );

  it('completes a second balance journey as the touch UI drives it', async () => {
    await suite.ui.waitForSession((v) => v === null, 20_000);
    await driveBalanceJourney(suite.ui);
  }, 60_000);

  it('never shows the PIN to the UI, the logs or the journal file', () => {
    expect(secretsShownIn(suite.ui.traffic.join('\n'), [zhang.cardPin])).toEqual([]);
    expect(secretsShownIn(suite.daemon.output.join('\n'), [zhang.cardPin])).toEqual([]);
    const journal = [suite.daemon.journalPath, `${suite.daemon.journalPath}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    expect(secretsShownIn(journal, [zhang.cardPin])).toEqual([]);
  });

  // last: the cable stays out (the emulated pad's line is gone for good)
  it('fault: cable pulled mid-entry — the session ends with DEVICE_OFFLINE and the card given back, no PIN tried on the card, the PIN journeys withdrawn', async () => {
    const ui = suite.ui;
    await ui.waitForSession((v) => v === null, 20_000);
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    expect(await ui.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    for (const key of zhang.cardPin.slice(0, 3))
      expect(await ui.emit('demo.pinpad', { key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.pin?.entered === 3);
    const verifiedBefore = journalSteps(suite.daemon.journalPath, 'balance').filter(
      (s) => s.step === 'pin.verify',
    );
    expect(await ui.emit('demo.fault', { device: 'pinPad', fault: 'cablePulledDuringEntry' })).toEqual({
      ok: true,
    });
    await ui.emit('demo.pinpad', { key: zhang.cardPin[3]! });
    const failed = await ui.waitForSession((v) => v?.error !== undefined);
    expect(failed?.error?.code).toBe('DEVICE_OFFLINE');
    await ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    expect(await ui.emit('demo.card', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    // the card never saw a PIN: no try used up, nothing journaled as verified or wrong
    const verifiedAfter = journalSteps(suite.daemon.journalPath, 'balance').filter(
      (s) => s.step === 'pin.verify',
    );
    expect(verifiedAfter).toEqual(verifiedBefore);
    const kiosk = await ui.waitForKiosk((k) => !k.journeysOffered.includes('balance'));
    expect(kiosk.devices.find((d) => d.kind === 'pinPad')?.device).toBe('offline');
  }, 60_000);
});
