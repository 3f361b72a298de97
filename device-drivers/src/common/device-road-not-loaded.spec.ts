/**
 * A device road (a model's driver, emulator and controls) is loaded when config picks it. Code
 * that does not load (a chunk missing from an installed release) is a coded error naming the
 * road where the road is needed, not a bare module error or a crash.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { loadLcdmSerialRoad } from '../cash-dispenser/index.js';
import { loadGa467SerialRoad } from '../id-reader/index.js';
import { loadDeviceRoad } from './device-road.js';

describe('device roads loaded when config picks them', () => {
  it("loads the LCDM's and the GA 467's serial roads with their drivers and emulators", async () => {
    const lcdm = await loadLcdmSerialRoad();
    const ga467 = await loadGa467SerialRoad();
    expect(typeof lcdm.LcdmCashDispenser).toBe('function');
    expect(typeof lcdm.startLcdmOverPseudoTerminal).toBe('function');
    expect(typeof ga467.Ga467IdReader).toBe('function');
    expect(typeof ga467.startGa467OverPseudoTerminal).toBe('function');
  });

  it('fault: a road whose code does not load is DEVICE_OFFLINE naming the road, its cause kept', async () => {
    const missing = new Error("Cannot find module './lcdm-serial-road-x.js'");
    const error = await loadDeviceRoad('LCDM cash dispenser on its serial line', () =>
      Promise.reject(missing),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect(error).toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      details: { road: 'LCDM cash dispenser on its serial line' },
      cause: missing,
    });
    expect((error as KioskError).message).toMatch(
      /^The LCDM cash dispenser on its serial line cannot be driven: its code did not load \(Cannot find module/,
    );
  });
});
