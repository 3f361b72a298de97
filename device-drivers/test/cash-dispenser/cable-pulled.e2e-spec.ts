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

  it('pushes an offline status from the idle heartbeat, without any command', async () => {
    await rig.stop();
    rig = await startLcdmRig({ driver: { heartbeatMs: 20 } });
    const offline = new Promise<void>((resolve) => {
      rig.driver.onStatus((s) => {
        if (s.device === 'offline') resolve();
      });
    });
    await rig.pty.close();
    await offline;
    expect(rig.driver.status().fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
  });
});
