import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: torn frame', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('asks again (NAK) after a frame that stops half-way and carries on', async () => {
    rig.emulator.setFault({ kind: 'tornFrame', times: 1 });
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 10_000,
    });
  });

  it('gives up with DEVICE_PROTOCOL_ERROR when every answer is torn, before a note moves', async () => {
    rig.emulator.setFault({ kind: 'tornFrame', times: 100 });
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(200);
  });
});
