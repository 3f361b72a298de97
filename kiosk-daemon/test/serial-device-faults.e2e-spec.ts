/**
 * Faults of the serial cash dispenser during a withdrawal, with the real LCDM driver in the daemon
 * and the byte-level emulator on the other end of its pseudo-terminal pair. Each ends in a coded
 * outcome, and every fen is accounted for in the journal: paid, or given back to the resident.
 * The ID reader lost mid-read and the serial settings' faults at boot: serial-device-lost-or-misspelt.
 */
import { daemonOnSerialProfile } from './serial-devices-config.js';
import {
  changeLogged,
  finish,
  idle,
  lastWithdrawal,
  li,
  names,
  takeCashAndFinish,
  withdrawUpToCash,
  zhang,
} from './serial-device-faults.helpers.js';

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
