import { ErrorCode } from '@kiosk/domain';
import {
  type LcdmCashDispenserOptions,
  type LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/index.js';
import {
  LcdmEmulatorControls,
  startLcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { RIG_CASSETTES, RIG_TIMINGS, SILENT_ACK_MS, YUAN } from './lcdm-rig.js';

describe('the LCDM emulator controls the demo panel drives', () => {
  let rig: LcdmOverPseudoTerminal | undefined;
  let controls: LcdmEmulatorControls;
  /** The driver and the emulator on a pseudo terminal, with the rig's timings unless told. */
  const start = async (timings: Partial<LcdmCashDispenserOptions> = {}) => {
    rig = await startLcdmOverPseudoTerminal({
      driver: { cassettes: RIG_CASSETTES, ...RIG_TIMINGS, ...timings },
    });
    controls = new LcdmEmulatorControls(rig, { upper: 100 * YUAN, lower: 50 * YUAN });
    return rig;
  };
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('shows the notes at the slot as the mechanism holds them, and takes them', async () => {
    const rig = await start();
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
    const rig = await start({ ackTimeoutMs: SILENT_ACK_MS }); // silent on purpose: three ACK waits
    controls.setFault('offline');
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.emulator.mechanism.presenter.upper).toBe(0);
    controls.setFault(null);
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
  });

  it('refuses a fault name it does not know', async () => {
    await start();
    expect(() => controls.setFault('meltdown' as never)).toThrow(/no such emulated fault/);
  });
});
