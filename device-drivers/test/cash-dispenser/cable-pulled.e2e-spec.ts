import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: cable pulled', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('fails the next command with DEVICE_OFFLINE and reports offline, nothing paid', async () => {
    const states: string[] = [];
    rig.driver.onStatus((s) => states.push(s.device));
    await rig.pty.close(); // the line between kiosk PC and dispenser is gone
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    expect(rig.driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE },
    });
    expect(states).toContain('offline');
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    expect(rig.emulator.mechanism.presenter.upper).toBe(0);
    await expect(rig.driver.present()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });
});
