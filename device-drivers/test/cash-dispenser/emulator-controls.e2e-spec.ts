import { ErrorCode } from '@kiosk/domain';
import {
  LcdmEmulatorControls,
  startLcdmOverPseudoTerminal,
  type LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/index.js';
import { RIG_CASSETTES, YUAN } from './lcdm-rig.js';

describe('the LCDM emulator controls the demo panel drives', () => {
  let rig: LcdmOverPseudoTerminal;
  let controls: LcdmEmulatorControls;
  beforeEach(async () => {
    rig = await startLcdmOverPseudoTerminal({
      driver: {
        cassettes: RIG_CASSETTES,
        ackTimeoutMs: 150,
        responseTimeoutMs: 400,
        interByteTimeoutMs: 30,
        takenPollMs: 20,
      },
    });
    controls = new LcdmEmulatorControls(rig, { upper: 100 * YUAN, lower: 50 * YUAN });
  });
  afterEach(async () => {
    await rig.close();
  });

  it('shows the notes at the slot as the mechanism holds them, and takes them', async () => {
    await rig.driver.dispense(150 * YUAN);
    expect(controls.presenter()).toEqual({ state: 'staged', amountFen: 150 * YUAN, notes: 2 });
    await rig.driver.present();
    expect(controls.presenter().state).toBe('presented');
    const taken = new Promise<number>((resolve) => rig.driver.onCashTaken((e) => resolve(e.amountFen)));
    expect(controls.takeCash()).toBe(true);
    expect(await taken).toBe(150 * YUAN);
    expect(controls.presenter()).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
  });

  it('fault: offline by name — the dispenser is silent until the fault is cleared', async () => {
    controls.setFault('offline');
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.emulator.mechanism.presenter.upper).toBe(0);
    controls.setFault(null);
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
  });

  it('refuses a fault name it does not know', () => {
    expect(() => controls.setFault('meltdown' as never)).toThrow(/no such emulated fault/);
  });
});
