import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonOnSerialProfile, journalSteps } from './serial-devices-config.js';
import type { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

const cassette = (ui: UiClient, id: string) =>
  ui.kiosk?.devices.find((d) => d.kind === 'cashDispenser')?.supplies.find((s) => s.name === `cassette:${id}`)
    ?.level;

describe('withdrawal over the serial drivers: LCDM dispenser, GA 467 ID reader, ESC/POS on a serial line', () => {
  // 24 hundred-yuan notes with the near-end sensor at 20: 450 yuan (4 × 100 + 1 × 50) makes it low
  const suite = daemonOnSerialProfile({ upperCount: 24 });

  it('identifies the resident by the ID card read in GA 467 frames and pays 450 yuan in 100- and 50-yuan notes in LCDM frames', async () => {
    const kiosk = await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    expect(kiosk.devices.find((d) => d.kind === 'cashDispenser')?.device).toBe('online');
    expect(kiosk.devices.find((d) => d.kind === 'idReader')?.device).toBe('online');
    expect(cassette(suite.ui, 'upper')).toBe('ok');

    await suite.ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key })).toEqual({
      ok: true,
    });
    await suite.ui.waitForDemo(
      (d) => d.idCards?.some((c) => c.idCardId === zhang.key && c.location === 'onReader') === true,
    );

    await suite.ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
    expect(await suite.ui.emit('session.amount', { amountFen: 45_000 })).toEqual({ ok: true });

    await suite.ui.waitForSession((v) => v?.step === 'takeCash', 15_000);
    const atSlot = await suite.ui.waitForDemo((d) => d.cash?.atSlot === true);
    // what the emulator's presenter holds, summed from its notes of both cassettes
    expect(atSlot.cash?.amountFen).toBe(45_000);
    expect(await suite.ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });

    // the receipt went through the ESC/POS driver over a serial line into the printer emulator
    const receipt = await suite.ui.waitForDemo((d) => d.receipt?.text.includes('450.00') === true, 15_000);
    expect(receipt.receipt?.text).toContain('张*明');

    await suite.ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 15_000);
    if (suite.ui.session?.step === 'cashWithdrawn') {
      await suite.ui.emit('session.command', { command: 'finish' });
      await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await suite.ui.finishAndTakeCard();
    await suite.ui.emit('demo.idCard', { action: 'remove' });

    const steps = journalSteps(suite.daemon.journalPath, 'withdraw');
    const names = steps.map((s) => `${s.step}:${s.phase}`);
    expect(names).toEqual(
      expect.arrayContaining(['cash.dispense:done', 'cash.present:done', 'withdrawal.confirm:done']),
    );
    expect(names.join(' ')).not.toMatch(/reverse|partial/);
    // 20 hundred-yuan notes left: the driver's count and the emulator's near-end sensor both read low
    await suite.ui.waitForKiosk(() => cassette(suite.ui, 'upper') === 'low');
  }, 90_000);

  it("reports a pulled cassette from the dispenser's status answer, and its return", async () => {
    await suite.ui
      .waitForSession((v) => v === null || v.step === 'ended' || v.step === 'chooseJourney', 10_000)
      .catch(() => undefined);
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: 'cassetteMissing' })).toEqual({
      ok: true,
    });
    await suite.ui.waitForKiosk(() => cassette(suite.ui, 'upper') === 'missing', 10_000);
    expect(await suite.ui.emit('demo.fault', { device: 'cashDispenser', fault: null })).toEqual({ ok: true });
    await suite.ui.waitForKiosk(() => cassette(suite.ui, 'upper') === 'low', 10_000);
  }, 30_000);
});
