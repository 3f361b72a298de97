/**
 * Fault: the LCDM emulator of the demo profile started every run from the configured counts,
 * so notes staged in the presenter or taken from a cassette before a restart were gone after it
 * (the in-memory emulator of the test profile kept them). It now keeps its mechanism in a file
 * the same way: written whole before each answer leaves, read back at start.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { persistentLcdmEmulatorOptions } from '../../src/cash-dispenser/index.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: the serial dispenser emulator loses its notes on restart', () => {
  let dir: string;
  let file: string;
  let rig: LcdmRig | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lcdm-state-'));
    file = join(dir, 'lcdm-cash-dispenser.json');
  });
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const restart = async () => {
    await rig?.stop();
    rig = await startLcdmRig({ emulator: persistentLcdmEmulatorOptions(file) });
    return rig;
  };

  it('finds staged notes in the presenter and the cassettes short after a restart', async () => {
    const first = await restart();
    await first.driver.dispense(300 * YUAN);
    expect(first.emulator.mechanism.presenter.upper).toBe(3);

    const second = await restart(); // the kiosk restarted with the notes behind the shutter
    expect(second.emulator.mechanism.presenter).toEqual({ upper: 3, lower: 0, open: false });
    expect(second.emulator.mechanism.cassettes.upper.count).toBe(197);
    expect(second.driver.presenter()).toMatchObject({ state: 'staged', amountFen: 300 * YUAN });
    expect(second.driver.cassettes().find((c) => c.id === 'upper')?.count).toBe(197);
    expect(await second.driver.retract()).toEqual({ retractedFen: 300 * YUAN, notes: 3 });

    const third = await restart();
    expect(third.emulator.mechanism.retractBin).toBe(3);
    expect(third.emulator.mechanism.presenter.upper).toBe(0);
    expect(third.emulator.mechanism.totalNotes()).toBe(400);
  });

  it('keeps what field staff do at the emulator (a cassette pulled out) across a restart', async () => {
    const first = await restart();
    first.emulator.removeCassette('lower');
    const second = await restart();
    expect(second.emulator.mechanism.cassettes.lower.present).toBe(false);
  });

  it('writes nothing for a status poll, only when notes move', async () => {
    const first = await restart();
    await first.driver.selfTest();
    expect(() => readFileSync(file)).toThrow();
    await first.driver.dispense(100 * YUAN);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ presenter: { upper: 1 } });
  });

  it('refuses a torn state file with a coded error instead of inventing counts', () => {
    writeFileSync(file, '{"cassettes": [');
    expect(() => persistentLcdmEmulatorOptions(file)).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR }),
    );
    writeFileSync(file, JSON.stringify({ cassettes: { upper: { count: -1, present: true } } }));
    expect(() => persistentLcdmEmulatorOptions(file)).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR }),
    );
  });
});
