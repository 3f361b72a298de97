import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: device busy', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it('fails with DEVICE_BUSY when the dispenser NAKs every command, nothing paid', async () => {
    rig = await startLcdmRig();
    rig.emulator.setFault({ kind: 'busy' });
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    rig.emulator.setFault(null);
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
  });

  it('refuses a second dispense while one is in progress', async () => {
    rig = await startLcdmRig({ emulator: { msPerNote: 20 } });
    const first = rig.driver.dispense(300 * YUAN);
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(rig.driver.status().device).toBe('busy');
    await expect(first).resolves.toMatchObject({ result: 'dispensed', amountFen: 30_000 });
  });
});
