import { ErrorCode } from '@kiosk/domain';
import { PAID_350_YUAN } from '../../src/cash-dispenser/paid-350-yuan.spec-support.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('LCDM cash dispenser over a pseudo terminal: a withdrawal', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('opens, reads the ROM version and reports online with the loaded cassettes', () => {
    expect(rig.driver.romVersion).toBe('V2.1');
    expect(rig.driver.status()).toMatchObject({ device: 'online', driver: 'lcdm2000' });
    expect(rig.driver.status().supplies.map((s) => [s.name, s.level])).toEqual([
      ['cassette:upper', 'ok'],
      ['cassette:lower', 'ok'],
      ['rejectBin', 'ok'],
      ['retractBin', 'ok'],
    ]);
  });

  it('pays 350 yuan in 100- and 50-yuan notes, presents them and sees them taken', async () => {
    const result = await rig.driver.dispense(350 * YUAN);
    expect(result).toEqual(PAID_350_YUAN);
    expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 3, lower: 1, open: false });
    const taken = new Promise<{ amountFen: number }>((resolve) => rig.driver.onCashTaken(resolve));
    await expect(rig.driver.present()).resolves.toEqual({ amountFen: 35_000 });
    expect(rig.emulator.takeCash()).toBe(true);
    await expect(taken).resolves.toEqual({ amountFen: 35_000 });
    expect(rig.driver.presenter().state).toBe('empty');
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([197, 199]);
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(197);
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
  });

  it('uses the single-cassette commands when one cassette pays it all', async () => {
    await expect(rig.driver.dispense(300 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      notes: [{ cassetteId: 'upper', count: 3 }],
    });
    await rig.driver.retract();
    rig.driver.loadCassette('upper', 0);
    rig.emulator.loadCassette('upper', 0);
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      notes: [{ cassetteId: 'lower', count: 2 }],
    });
  });

  it('refuses an amount the loaded notes cannot pay before a note moves', async () => {
    await expect(rig.driver.dispense(120 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
    });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(200);
    expect(rig.emulator.mechanism.cassettes.lower.count).toBe(200);
  });

  it('honours an abort before the first note moves', async () => {
    await expect(rig.driver.dispense(100 * YUAN, AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    expect(rig.emulator.mechanism.presenter.upper).toBe(0);
  });
});
