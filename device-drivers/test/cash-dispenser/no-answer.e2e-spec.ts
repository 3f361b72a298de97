import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { SILENT_ACK_MS, startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

// the dispenser falls silent on purpose: each command is sent three times, SILENT_ACK_MS apart
const silent = { ackTimeoutMs: SILENT_ACK_MS };

describe('fault: no answer', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it('refuses to open a dispenser that does not answer', async () => {
    rig = await startLcdmRig({ open: false, driver: silent });
    rig.emulator.setFault({ kind: 'noAnswer' });
    await expect(rig.driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.driver.status().device).toBe('offline');
  });

  it('fails a dispense with DEVICE_TIMEOUT before a note moves', async () => {
    rig = await startLcdmRig({ driver: silent });
    rig.emulator.setFault({ kind: 'noAnswer' });
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(200);
    expect(rig.driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_TIMEOUT },
    });
  });

  it('reports a silent dispenser offline from the idle heartbeat, and online once it answers again', async () => {
    rig = await startLcdmRig({ driver: { ...silent, heartbeatMs: 20 } });
    const seen = (device: string) =>
      new Promise<void>((resolve) => {
        rig.driver.onStatus((s) => {
          if (s.device === device) resolve();
        });
      });
    const offline = seen('offline');
    rig.emulator.setFault({ kind: 'noAnswer' });
    await offline;
    expect(rig.driver.status().fault?.code).toBe(ErrorCode.DEVICE_TIMEOUT);
    const online = seen('online');
    rig.emulator.setFault(null);
    await online;
    expect(rig.driver.status().fault).toBeUndefined();
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
