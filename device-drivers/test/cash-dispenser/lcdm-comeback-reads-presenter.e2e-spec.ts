/**
 * Fault: the dispenser falls silent (unplugged from its side, the pseudo terminal still open) and
 * its presenter changes meanwhile: staff retract or take the notes, or notes are left at the slot
 * that the driver believes gone. The heartbeat brings it back; before the fix the driver read
 * STATUS only and kept the presenter it believed before the drop, so a journey started after the
 * comeback acted on a stale presenter until a reopen or a self-test (a dispense refused for good
 * over notes no longer there, or one made onto notes still there). Now the presenter is read as
 * part of coming back, before the dispenser reads online; each case checks the driver at the first
 * status that reads online, with no reopen (ROM VERSION) and no self-test in between.
 *
 * The reopen after a line hung up and plugged in again read the presenter too, but after its
 * STATUS had already published online: for one command the driver read usable on the presenter
 * of before the drop. That case checks the same first online status.
 */
import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import type {
  LcdmEmulatorControls,
  LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { dropAndComeBack, hangUpAndPlugIn, replugRigs, silentRigs } from './lcdm-link-drop.js';
import { YUAN } from './lcdm-rig.js';

/** Dispense commands the emulator acted on, whichever cassettes they named. */
function dispensesTaken(r: LcdmOverPseudoTerminal): number {
  const commands = [LcdmCommand.UPPER_DISPENSE, LcdmCommand.LOWER_DISPENSE, LcdmCommand.UPPER_LOWER_DISPENSE];
  return commands.reduce((sum, cmd) => sum + r.emulator.commandsTaken(cmd), 0);
}

describe('fault: lcdm comeback reads the presenter', () => {
  const silent = silentRigs();
  let controls: LcdmEmulatorControls;

  async function start(): Promise<LcdmOverPseudoTerminal> {
    const started = await silent();
    controls = started.controls;
    return started.r;
  }

  it('notes staged before the drop and retracted while down read empty when it is back, and a dispense goes', async () => {
    const r = await start();
    await r.driver.dispense(150 * YUAN);
    expect(r.driver.presenter()).toMatchObject({ state: 'staged', amountFen: 150 * YUAN });

    const { presenter } = await dropAndComeBack(r, controls, () => {
      r.emulator.mechanism.retract(); // the dispenser's own retract, or staff, while the host hears nothing
    });
    expect(presenter).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    await expect(r.driver.dispense(100 * YUAN)).resolves.toMatchObject({
      result: 'dispensed',
      amountFen: 100 * YUAN,
    });
    expect(controls.presenter()).toMatchObject({ state: 'staged', amountFen: 100 * YUAN });
  });

  it('notes left in the presenter while down read staged when it is back, and no dispense goes onto them', async () => {
    const r = await start();
    const { presenter } = await dropAndComeBack(r, controls, () => {
      // notes the driver never learned of reach the presenter while the host hears nothing
      r.emulator.mechanism.dispense({ upper: 1, lower: 1 });
    });
    expect(presenter).toEqual({ state: 'staged', amountFen: 150 * YUAN, notes: 2 });
    const dispenses = dispensesTaken(r);
    await expect(r.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(dispensesTaken(r)).toBe(dispenses);
    expect(controls.presenter()).toMatchObject({ state: 'staged', notes: 2 });
  });

  it('a presenter unreadable when it is back keeps it offline until a heartbeat reads it', async () => {
    const r = await start();
    await r.driver.dispense(150 * YUAN);
    let asked = 0;
    const { presenter } = await dropAndComeBack(
      r,
      controls,
      () => r.emulator.mechanism.retract(),
      () => {
        asked = r.emulator.commandsTaken(LcdmCommand.PRESENTER_STATUS);
        // every try of the first presenter read after the comeback is garbled
        r.emulator.setFault({ kind: 'badChecksum', times: 3, command: LcdmCommand.PRESENTER_STATUS });
      },
    );
    expect(presenter).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    expect(r.emulator.commandsTaken(LcdmCommand.PRESENTER_STATUS) - asked).toBeGreaterThanOrEqual(2);
  });
});

describe('fault: lcdm comeback reads the presenter, the line hung up and plugged in again', () => {
  const replugged = replugRigs();

  it('notes staged before the hang-up and retracted meanwhile read empty at the first online status', async () => {
    const rig = await replugged();
    await rig.driver.dispense(150 * YUAN);
    expect(rig.driver.presenter()).toMatchObject({ state: 'staged', amountFen: 150 * YUAN });
    const back = await hangUpAndPlugIn(rig, () => {
      rig.emulator.mechanism.retract(); // the notes go while the line is down
    });
    expect(back.presenter).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
  });
});
