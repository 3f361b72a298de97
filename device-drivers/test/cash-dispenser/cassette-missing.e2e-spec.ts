import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: cassette missing', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('sees the cassette gone in STATUS and pays from the other one', async () => {
    rig.emulator.removeCassette('upper');
    await expect(rig.driver.dispense(200 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      notes: [{ cassetteId: 'lower', count: 4 }],
    });
    expect(rig.driver.status().supplies.find((s) => s.name === 'cassette:upper')?.level).toBe('missing');
  });

  it('refuses before a note moves when the rest cannot pay', async () => {
    rig.emulator.removeCassette('upper');
    rig.emulator.removeCassette('lower');
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.CASH_CASSETTE_MISSING,
    });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    rig.emulator.insertCassette('upper');
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
  });
});
