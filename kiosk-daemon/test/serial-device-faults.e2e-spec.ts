/**
 * Faults on the serial lines, with the real LCDM and GA 467 drivers in the daemon and the
 * byte-level emulators on the other end of their pseudo-terminal pairs. Each ends in a coded
 * outcome, and every fen is accounted for in the journal: paid, or given back to the resident.
 */
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { runDaemonToExit, type DaemonProcess } from './daemon-process.js';
import {
  daemonOnSerialProfile,
  journalSteps,
  writeSerialProfile,
  type JournalStepRow,
} from './serial-devices-config.js';
import { UiClient } from './ui-client.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const li = resident('li');

/** The steps of the newest withdrawal only. */
function lastWithdrawal(daemon: DaemonProcess): JournalStepRow[] {
  const steps = journalSteps(daemon.journalPath, 'withdraw');
  const start = steps.map((s) => s.step).lastIndexOf('withdrawal.authorise');
  return steps.slice(Math.max(0, start));
}

const names = (steps: JournalStepRow[]) => steps.map((s) => `${s.step}:${s.phase}`);

/** The daemon's log lines telling a change of the device `kind`, as `warn|info line`, from `from` on. */
function changesOf(daemon: DaemonProcess, kind: string, from = 0): string[] {
  return daemon.output.slice(from).flatMap((text) => {
    const line = (text.startsWith('{') ? JSON.parse(text) : {}) as {
      level?: number;
      context?: string;
      msg?: string;
    };
    if (line.context !== 'Devices' || !line.msg?.startsWith(`${kind}: `)) return [];
    return [`${line.level === 40 ? 'warn' : 'info'} ${line.msg}`];
  });
}

/** Waits for the daemon's log to tell a change of `kind` that matches `line`, after line `from`. */
const changeLogged = (daemon: DaemonProcess, kind: string, line: RegExp, from: number) =>
  eventually(() => changesOf(daemon, kind, from), `${kind} change ${String(line)} logged`, {
    withinMs: 15_000,
    until: (changes) => changes.some((change) => line.test(change)),
  });

async function idle(ui: UiClient): Promise<void> {
  await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000).catch(() => undefined);
  await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
  // the last screen stays 1 s here: the next journey starts once the kiosk is home again
  await ui.waitForSession((v) => v === null, 20_000);
}

/** Card, PIN, ID card and face, then the amount: up to the cash at the slot or a fault. */
async function withdrawUpToCash(
  ui: UiClient,
  who: DemoResident,
  amountFen: number,
  beforeAmount: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  await ui.startWithCardAndPin('withdraw', who.key, who.cardPin);
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  expect(await ui.emit('demo.idCard', { action: 'place', idCardId: who.key })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
  await beforeAmount();
  expect(await ui.emit('session.amount', { amountFen })).toEqual({ ok: true });
}

/** Takes the cash, skips past the receipt and gives the card back. */
async function takeCashAndFinish(ui: UiClient, expectedFen: number): Promise<void> {
  await ui.waitForSession((v) => v?.step === 'takeCash', 20_000);
  const atSlot = await ui.waitForDemo((d) => d.cash?.atSlot === true);
  expect(atSlot.cash?.amountFen).toBe(expectedFen);
  expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
  await finish(ui);
}

/** A session view's step and error: what the way out answers (the same view pushed again is not new). */
const stepOf = (v: UiClient['session']) => (v === null ? 'none' : `${v.step}/${v.error?.code ?? ''}`);

async function finish(ui: UiClient): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    const view = await ui.waitForSession(
      (v) =>
        v === null ||
        ['cashWithdrawn', 'chooseJourney', 'takeCard', 'ended'].includes(v.step) ||
        v.error !== undefined,
      20_000,
    );
    if (view === null || view.step === 'ended') break;
    if (view.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    else await ui.emit('session.command', { command: 'finish' });
    // each view answered once: the next one once the session has moved on from it
    await ui.waitForSession((v) => stepOf(v) !== stepOf(view), 20_000);
  }
  await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
  await ui.emit('demo.idCard', { action: 'remove' });
}

describe('serial dispenser faults during a withdrawal', () => {
  // no test looks at the ended screen; each waits it out before the next withdrawal (1 s, not 5 s);
  // at info, the log tells a device back as well as gone
  const suite = daemonOnSerialProfile({ endedViewMs: 1000, logLevel: 'info' });

  beforeAll(async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
  }, 30_000);

  afterEach(async () => {
    await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: null });
  });

  it('fault: torn serial frame from the dispenser — the driver asks again and pays the exact amount', async () => {
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'tornFrame' })).toEqual({
      ok: true,
    });
    await withdrawUpToCash(suite.ui, zhang, 20_000);
    await takeCashAndFinish(suite.ui, 20_000);
    const steps = names(lastWithdrawal(suite.daemon));
    expect(steps).toEqual(expect.arrayContaining(['cash.dispense:done', 'withdrawal.confirm:done']));
    expect(steps.join(' ')).not.toMatch(/reverse|partial/);
    await idle(suite.ui);
  }, 90_000);

  it('fault: bad checksum on every answer from the dispenser — the amount is read back from the presenter, paid exactly', async () => {
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'badChecksums' })).toEqual({
      ok: true,
    });
    await withdrawUpToCash(suite.ui, zhang, 20_000);
    await takeCashAndFinish(suite.ui, 20_000);
    const steps = lastWithdrawal(suite.daemon);
    expect(names(steps)).toEqual(expect.arrayContaining(['cash.dispense:done', 'withdrawal.confirm:done']));
    expect(names(steps).join(' ')).not.toMatch(/reverse|partial/);
    await idle(suite.ui);
  }, 90_000);

  it('fault: dispenser not answering (timeout) — DEVICE_TIMEOUT before a note moves, the whole amount given back', async () => {
    const logFrom = suite.daemon.output.length;
    // the dispenser falls silent once the resident is choosing the amount
    await withdrawUpToCash(suite.ui, li, 20_000, () =>
      suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'noAnswer' }),
    );
    const failed = await suite.ui.waitForSession((v) => v?.error !== undefined, 30_000);
    expect(failed?.error?.code).toBe('DEVICE_TIMEOUT');
    await suite.ui.waitForKiosk(
      (k) => k.devices.find((d) => d.kind === 'cashDispenser')?.device === 'offline',
    );
    expect(suite.ui.demo?.cash?.atSlot).toBe(false);
    await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: null });
    await finish(suite.ui);
    const steps = lastWithdrawal(suite.daemon);
    expect(names(steps)).toEqual(
      expect.arrayContaining([
        'withdrawal.authorise:done',
        'cash.dispense:failed',
        'withdrawal.reverse:done',
      ]),
    );
    expect(names(steps)).not.toContain('cash.present:intent');
    expect(steps.find((s) => s.step === 'withdrawal.reverse' && s.phase === 'intent')?.detail).toMatchObject({
      amountFen: 20_000,
    });
    await idle(suite.ui);
    // device-change-not-logged: the fall silent and the return told in the log, once each
    const changes = await changeLogged(
      suite.daemon,
      'cashDispenser',
      /^info cashDispenser: offline → online/,
      logFrom,
    );
    const down = changes.findIndex((change) =>
      /^warn cashDispenser: \w+ → offline, code .*DEVICE_/.test(change),
    );
    expect(down).toBeGreaterThanOrEqual(0);
    expect(
      changes.findIndex((change) => change.startsWith('info cashDispenser: offline → online')),
    ).toBeGreaterThan(down);
    expect(changes.filter((change, i) => change === changes[i - 1])).toEqual([]);
  }, 90_000);

  it('fault: garbled dispenser answers (dispense outcome unknown) — DEVICE_TIMEOUT, the counted notes retracted, all given back', async () => {
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'garbledAnswers' })).toEqual({
      ok: true,
    });
    await withdrawUpToCash(suite.ui, li, 20_000);
    const failed = await suite.ui.waitForSession((v) => v?.error !== undefined, 30_000);
    expect(failed?.error?.code).toBe('DEVICE_TIMEOUT');
    expect(suite.ui.demo?.cash?.atSlot).toBe(false);
    await finish(suite.ui);
    const steps = lastWithdrawal(suite.daemon);
    expect(names(steps)).toEqual(
      expect.arrayContaining(['cash.dispense:failed', 'cash.retract:done', 'withdrawal.reverse:done']),
    );
    expect(steps.find((s) => s.step === 'cash.retracted')?.detail).toMatchObject({ retractedFen: 20_000 });
    expect(steps.find((s) => s.step === 'withdrawal.reverse' && s.phase === 'intent')?.detail).toMatchObject({
      amountFen: 20_000,
    });
    expect(names(steps)).not.toContain('cash.present:intent');
    await idle(suite.ui);
    // the presenter is empty again: the next withdrawal pays
    await withdrawUpToCash(suite.ui, li, 10_000);
    await takeCashAndFinish(suite.ui, 10_000);
    await idle(suite.ui);
  }, 120_000);

  it('fault: partial dispense (a jam after one note) — the note counted is paid, the rest given back', async () => {
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'jam' })).toEqual({
      ok: true,
    });
    await withdrawUpToCash(suite.ui, li, 20_000);
    await takeCashAndFinish(suite.ui, 10_000);
    const steps = lastWithdrawal(suite.daemon);
    expect(steps.find((s) => s.step === 'cash.partial')?.detail).toMatchObject({ countedFen: 10_000 });
    expect(steps.find((s) => s.step === 'withdrawal.reverse' && s.phase === 'intent')?.detail).toMatchObject({
      amountFen: 10_000,
    });
    expect(names(steps)).toEqual(
      expect.arrayContaining(['withdrawal.reverse:done', 'withdrawal.confirm:done']),
    );
  }, 90_000);
});

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
