import { ErrorCode } from '@kiosk/domain';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: double notes', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it('diverts double picks to the reject bin and still pays the exact amount', async () => {
    rig = await startLcdmRig();
    rig.emulator.setFault({ kind: 'doubleNotes', picks: 2 });
    await expect(rig.driver.dispense(300 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 30_000,
    });
    expect(rig.emulator.mechanism.rejectTray).toBe(4);
    expect(rig.driver.status().supplies.find((s) => s.name === 'rejectBin')).toMatchObject({ count: 4 });
    expect(rig.driver.cassettes()[0]?.count).toBe(200 - 3 - 4);
  });

  it('stops with "over reject" and the exact amount presented', async () => {
    rig = await startLcdmRig({ emulator: { maxRejects: 2 } });
    rig.emulator.setFault({ kind: 'doubleNotes', picks: 10 });
    const result = await rig.driver.dispense(300 * YUAN);
    expect(result).toMatchObject({
      result: 'partial',
      code: ErrorCode.CASH_DOUBLE_NOTES,
      amountFen: 0,
      notes: [],
    });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
  });
});
