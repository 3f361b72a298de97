/**
 * A serial device lost or set wrong, with the real GA 467 and LCDM drivers in the daemon and the
 * byte-level emulators on the other end of their pseudo-terminal pairs: the ID reader unplugged
 * mid-read (DEVICE_OFFLINE, no money held), the dispenser's port missing at boot (booted without
 * withdrawals), a misspelt driver (boot stopped, exit code 78). The dispenser's faults during a
 * withdrawal: serial-device-faults.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runDaemonToExit } from './daemon-process.js';
import { daemonOnSerialProfile, journalSteps, writeSerialProfile } from './serial-devices-config.js';
import { changeLogged, finish, names, zhang } from './serial-device-faults.helpers.js';

describe('serial ID reader fault during identification', () => {
  const suite = daemonOnSerialProfile();

  beforeAll(async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
  }, 30_000);

  it('fault: ID reader unplugged mid-read — DEVICE_OFFLINE, the reader reported offline, no money held', async () => {
    await suite.ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await suite.ui.emit('demo.fault', { device: 'idReader', fault: 'cablePulledDuringRead' })).toEqual(
      {
        ok: true,
      },
    );
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    const failed = await suite.ui.waitForSession((v) => v?.error !== undefined, 20_000);
    expect(failed?.error?.code).toBe('DEVICE_OFFLINE');
    await suite.ui.waitForKiosk((k) => k.devices.find((d) => d.kind === 'idReader')?.device === 'offline');
    await changeLogged(
      suite.daemon,
      'idReader',
      /^warn idReader: online → offline, code .*DEVICE_OFFLINE/,
      0,
    );
    await suite.ui.emit('session.command', { command: 'cancel' });
    await finish(suite.ui);
    const steps = names(journalSteps(suite.daemon.journalPath, 'withdraw'));
    expect(steps.join(' ')).not.toMatch(/withdrawal\.authorise|cash\./);
    // journeys that need an ID card are no longer offered; the balance still is
    const kiosk = await suite.ui.waitForKiosk((k) => !k.journeysOffered.includes('withdraw'));
    expect(kiosk.journeysOffered).toContain('balance');
  }, 90_000);
});

describe('fault: cash dispenser port missing at boot', () => {
  const suite = daemonOnSerialProfile({ cashDispenserPath: '/dev/no-such-dispenser-port' });

  it('boots with the dispenser reported offline, and offers no withdrawal', async () => {
    const kiosk = await suite.ui.waitForKiosk((k) => k.devices.some((d) => d.kind === 'cashDispenser'));
    expect(kiosk.devices.find((d) => d.kind === 'cashDispenser')?.device).toBe('offline');
    expect(kiosk.journeysOffered).not.toContain('withdraw');
    expect(kiosk.journeysOffered).toContain('balance');
    expect(suite.daemon.output.join('\n')).toMatch(
      /cash dispenser \/dev\/no-such-dispenser-port cannot be opened/,
    );
  }, 30_000);
});

describe('fault: misspelt serial device setting', () => {
  it('stops boot with exit code 78, the file, the key path and the reason', async () => {
    const profile = writeSerialProfile();
    try {
      const text = readFileSync(profile.file, 'utf8');
      writeFileSync(profile.file, text.replace('driver: ga467-serial', 'driver: ga467-serail'));
      const { code, stderr } = await runDaemonToExit(['--config', profile.file]);
      expect(code).toBe(78);
      expect(stderr).toContain(profile.file);
      expect(stderr).toMatch(
        /devices\.idReader\.driver .*expected driver to be one of emulator, ga467-serial/,
      );
      expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    } finally {
      profile.remove();
    }
  }, 30_000);
});
