import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: jam', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('ends the dispense with the exact amount presented, refuses more until staff clear it', async () => {
    rig.emulator.setFault({ kind: 'jam', afterNotes: 2 });
    const result = await rig.driver.dispense(400 * YUAN);
    expect(result).toMatchObject({
      result: 'partial',
      code: ErrorCode.CASH_JAM,
      requestedFen: 40_000,
      amountFen: 20_000,
      notes: [{ cassetteId: 'upper', count: 2 }],
    });
    expect(rig.driver.status()).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.CASH_JAM },
    });
    // the two notes that made it can still be given (or retracted)
    await expect(rig.driver.present()).resolves.toEqual({ amountFen: 20_000 });
    await rig.driver.retract();
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.CASH_JAM });
    rig.emulator.clearJam();
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
    expect(rig.driver.status().device).toBe('online');
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
  });
});
