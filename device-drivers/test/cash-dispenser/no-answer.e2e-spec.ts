import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: no answer', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it('refuses to open a dispenser that does not answer', async () => {
    rig = await startLcdmRig({ open: false });
    rig.emulator.setFault({ kind: 'noAnswer' });
    await expect(rig.driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.driver.status().device).toBe('offline');
  });

  it('fails a dispense with DEVICE_TIMEOUT before a note moves', async () => {
    rig = await startLcdmRig();
    rig.emulator.setFault({ kind: 'noAnswer' });
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(200);
  });

  it('recovers the exact amount from the presenter when the dispense answer never comes', async () => {
    rig = await startLcdmRig();
    // the dispense answer is spoiled on every try, as if it never arrived readable
    rig.emulator.setFault({ kind: 'tornFrame', times: 10, command: LcdmCommand.UPPER_LOWER_DISPENSE });
    const result = await rig.driver.dispense(350 * YUAN);
    expect(result).toMatchObject({ result: 'dispensed', amountFen: 35_000 });
    expect(rig.driver.presenter()).toMatchObject({ state: 'staged', amountFen: 35_000 });
  });
});
