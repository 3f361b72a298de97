import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: bad checksum', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('asks again (NAK) after a frame with a wrong BCC and carries on', async () => {
    rig.emulator.setFault({ kind: 'badChecksum', times: 2 });
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 10_000,
    });
  });

  it('gives up with DEVICE_PROTOCOL_ERROR when STATUS answers stay corrupt, before a note moves', async () => {
    rig.emulator.setFault({ kind: 'badChecksum', times: 100, command: LcdmCommand.STATUS });
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(200);
  });

  it("a dispense's answer spoiled once is NAKed and sent again by the dispenser, not counted again: taken as the answer, the notes paid once", async () => {
    rig.emulator.setFault({ kind: 'badChecksum', times: 1, command: LcdmCommand.UPPER_DISPENSE });
    const presenterReads = rig.emulator.commandsTaken(LcdmCommand.PRESENTER_STATUS);
    await expect(rig.driver.dispense(200 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 20_000,
    });
    expect(rig.emulator.commandsTaken(LcdmCommand.UPPER_DISPENSE)).toBe(1);
    // the answer sent again was read: the presenter was not asked to make up for a lost one
    expect(rig.emulator.commandsTaken(LcdmCommand.PRESENTER_STATUS)).toBe(presenterReads);
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(198);
    expect(rig.driver.cassettes()[0]?.count).toBe(198);
  });

  it('never repeats a dispense whose answer was corrupt: the presenter tells the exact amount', async () => {
    rig.emulator.setFault({ kind: 'badChecksum', times: 100, command: LcdmCommand.UPPER_DISPENSE });
    await expect(rig.driver.dispense(200 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 20_000,
    });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(198);
    expect(rig.driver.cassettes()[0]?.count).toBe(198);
  });
});
