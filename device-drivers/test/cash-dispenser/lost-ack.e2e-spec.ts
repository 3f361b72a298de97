import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { eventually } from '@kiosk/domain/testing';
import { PAID_350_YUAN } from '../../src/cash-dispenser/paid-350-yuan.spec-support.js';
import { SILENT_ACK_MS, startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

// The dispenser's ACK goes missing on purpose: the driver waits SILENT_ACK_MS for it, and a
// command that moves notes is then never sent again (the dispenser may have taken it).
const lostAck = { ackTimeoutMs: SILENT_ACK_MS };
const { UPPER_LOWER_DISPENSE, UPPER_TEST_DISPENSE, LOWER_TEST_DISPENSE, RETRACT, STATUS } = LcdmCommand;

describe('fault: the dispenser ACK of a command is lost or late', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it.each([
    ['lost', {}],
    ['late (after the ACK window)', { lateByMs: 3 * SILENT_ACK_MS }],
  ])(
    "the dispense's ACK is %s: the notes are paid once, never twice, and the result says what was paid",
    async (_, late) => {
      rig = await startLcdmRig({ driver: lostAck });
      rig.emulator.setFault({ kind: 'lostAck', times: 1, command: UPPER_LOWER_DISPENSE, ...late });
      await expect(rig.driver.dispense(350 * YUAN)).resolves.toEqual(PAID_350_YUAN);
      expect(rig.emulator.commandsTaken(UPPER_LOWER_DISPENSE)).toBe(1);
      expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 3, lower: 1 });
      expect(rig.emulator.mechanism.cassettes.upper.count).toBe(197);
      expect(rig.emulator.mechanism.cassettes.lower.count).toBe(199);
      expect(rig.driver.cassettes().map((c) => c.count)).toEqual([197, 199]);
    },
  );

  it("the dispense's ACK is lost while the notes are counted: the driver waits for the answer and reports the notes paid, not 'nothing moved'", async () => {
    // four notes take longer than the ACK window and the two sends after it
    rig = await startLcdmRig({ driver: lostAck, emulator: { msPerNote: SILENT_ACK_MS } });
    rig.emulator.setFault({ kind: 'lostAck', times: 1, command: UPPER_LOWER_DISPENSE });
    await expect(rig.driver.dispense(350 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 35_000,
    });
    expect(rig.emulator.commandsTaken(UPPER_LOWER_DISPENSE)).toBe(1);
    expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 3, lower: 1 });
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([197, 199]);
  });

  it("the dispense's ACK is lost and no answer comes in the answer time: the outcome is unknown, the notes paid once", async () => {
    // two notes take 3 s; the driver waits 1 s for the answer, then asks the presenter (busy)
    rig = await startLcdmRig({
      driver: { ...lostAck, dispenseTimeoutMs: 1_000 },
      emulator: { msPerNote: 1_500 },
    });
    rig.emulator.setFault({ kind: 'lostAck', times: 1, command: LcdmCommand.UPPER_DISPENSE });
    await expect(rig.driver.dispense(200 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
      details: { outcomeUnknown: true, requestedFen: 20_000 },
    });
    expect(rig.emulator.commandsTaken(LcdmCommand.UPPER_DISPENSE)).toBe(1);
    // once the dispenser has counted, the driver finds the notes behind the shutter, retracts them
    await eventually(
      async () => {
        await rig.driver.selfTest();
        return rig.driver.presenter().state === 'staged';
      },
      'the dispenser shows the counted notes',
      { withinMs: 15_000, everyMs: 100 },
    );
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 20_000, notes: 2 });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(198);
    expect(rig.emulator.mechanism.retractBin).toBe(2);
    expect(rig.emulator.commandsTaken(LcdmCommand.UPPER_DISPENSE)).toBe(1);
  });

  it("the test dispense's ACK is lost: one note leaves each cassette, never two", async () => {
    rig = await startLcdmRig({ driver: lostAck });
    rig.emulator.setFault({ kind: 'lostAck', times: 1, command: UPPER_TEST_DISPENSE });
    await expect(rig.driver.testDispense()).resolves.toEqual({
      notes: [
        { cassetteId: 'upper', denominationFen: 10_000, count: 1 },
        { cassetteId: 'lower', denominationFen: 5_000, count: 1 },
      ],
    });
    expect(rig.emulator.commandsTaken(UPPER_TEST_DISPENSE)).toBe(1);
    expect(rig.emulator.commandsTaken(LOWER_TEST_DISPENSE)).toBe(1);
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(199);
    expect(rig.emulator.mechanism.rejectTray).toBe(2);
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([199, 199]);
  });

  it("the retract's ACK is lost: the notes go to the retract bin once and are counted once", async () => {
    rig = await startLcdmRig({ driver: lostAck });
    await rig.driver.dispense(300 * YUAN);
    await rig.driver.present();
    rig.emulator.setFault({ kind: 'lostAck', times: 1, command: RETRACT });
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 30_000, notes: 3 });
    expect(rig.emulator.commandsTaken(RETRACT)).toBe(1);
    expect(rig.emulator.mechanism.retractBin).toBe(3);
  });

  it('a STATUS whose ACK is lost is sent again and answered (it moves nothing)', async () => {
    rig = await startLcdmRig({ driver: lostAck });
    const before = rig.emulator.commandsTaken(STATUS);
    rig.emulator.setFault({ kind: 'lostAck', times: 1, command: STATUS });
    await expect(rig.driver.selfTest()).resolves.toMatchObject({ device: 'online' });
    expect(rig.emulator.commandsTaken(STATUS) - before).toBe(2);
    expect(rig.driver.status().fault).toBeUndefined();
  });
});
