/**
 * The byte-level PIN pad emulator's controls, the surface the demo panel and the daemon's e2e
 * tests drive (as the in-memory emulator's): keys pressed, faults set by name and cleared.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  EppEmulatorControls,
  startEppOverPseudoTerminal,
  type EppOverPseudoTerminal,
} from '../../src/pin-pad/epp-serial-road.js';
import type { CollectPinResult, PinPadKey } from '../../src/pin-pad/pin-pad.port.js';
import { digitsOf, pinOf, RIG_TIMINGS, SILENT_ANSWER_MS } from './epp-rig.js';

describe('PIN pad emulator controls', () => {
  let rig: EppOverPseudoTerminal;
  let controls: EppEmulatorControls;
  beforeEach(async () => {
    rig = await startEppOverPseudoTerminal({ pad: { ...RIG_TIMINGS, answerTimeoutMs: SILENT_ANSWER_MS } });
    controls = new EppEmulatorControls(rig);
  });
  afterEach(async () => {
    await rig.close();
  });

  async function enter(keys: readonly PinPadKey[]): Promise<void> {
    let seen = 0;
    const off = rig.pad.onKey(() => (seen += 1));
    for (const [i, key] of keys.entries()) {
      expect(controls.press(key)).toBe(true);
      await eventually(() => seen > i, `key ${i + 1} seen`, { withinMs: 10_000, everyMs: 5 });
    }
    off();
  }

  /** The four keys pressed early reach the driver once the keypad opens; then enter: the digits. */
  async function fourKeysThenEnter(entry: Promise<CollectPinResult>): Promise<string> {
    let seen = 0;
    const off = rig.pad.onKey(() => (seen += 1));
    await eventually(() => seen === 4, 'the four keys seen', { withinMs: 10_000, everyMs: 5 });
    off();
    expect(controls.press('enter')).toBe(true);
    return digitsOf(pinOf(await entry));
  }

  it('presses keys only while a PIN is collected, as the in-memory emulator', async () => {
    expect(controls.collecting).toBe(false);
    expect(controls.press('1')).toBe(false);
    const entry = rig.pad.collectPin({ length: 4 });
    await eventually(() => controls.collecting, 'the PIN collected', { withinMs: 10_000, everyMs: 5 });
    await enter(['2', '0', '2', '6', 'enter']);
    expect(digitsOf(pinOf(await entry))).toBe('2026');
    expect(controls.collecting).toBe(false);
  });

  it('takes keys pressed as the collection starts, its keypad still opening on the line', async () => {
    const entry = rig.pad.collectPin({ length: 4 });
    expect(rig.emulator.collecting).toBe(false); // the start is on its way
    expect(controls.collecting).toBe(true);
    for (const key of ['7', '3', '1', '9'] as const) expect(controls.press(key)).toBe(true);
    expect(await fourKeysThenEnter(entry)).toBe('7319');
  });

  it('fault: keys pressed for an entry asked for as the cancelled one closes its keypad are lost', async () => {
    const cancel = new AbortController();
    const first = rig.pad.collectPin({ length: 4, signal: cancel.signal });
    await eventually(() => rig.emulator.collecting, 'the keypad open', { withinMs: 10_000, everyMs: 5 });
    cancel.abort(); // the keypad's close on its way: the next entry waits for it
    const entry = rig.pad.collectPin({ length: 4 });
    for (const key of ['8', '1', '9', '2'] as const) expect(controls.press(key)).toBe(true);
    expect(await first).toEqual({ result: 'cancelled' });
    expect(await fourKeysThenEnter(entry)).toBe('8192');
  });

  it('fault: keys pressed for an entry whose keypad never opened are typed into the next entry', async () => {
    controls.setFault('noAnswer'); // the keypad's opening is never answered
    const first = rig.pad.collectPin({ length: 4 });
    for (const key of ['1', '2'] as const) expect(controls.press(key)).toBe(true);
    await expect(first).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    controls.setFault(null);
    expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });

    const entry = rig.pad.collectPin({ length: 4 });
    for (const key of ['3', '4', '5', '6'] as const) expect(controls.press(key)).toBe(true);
    expect(await fourKeysThenEnter(entry)).toBe('3456');
  });

  it('fault: keys pressed for an entry whose keypad never opened open the next entry by themselves', async () => {
    controls.setFault('noAnswer');
    const first = rig.pad.collectPin({ length: 4 });
    for (const key of ['1', '2', '3', '4'] as const) expect(controls.press(key)).toBe(true);
    await expect(first).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    controls.setFault(null);
    expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });

    const keys: number[] = [];
    const off = rig.pad.onKey((event) => keys.push(event.entered));
    const entry = rig.pad.collectPin({ length: 4 });
    await eventually(() => rig.emulator.collecting, 'the keypad open, nothing pressed for this entry', {
      withinMs: 10_000,
      everyMs: 5,
    });
    for (const [i, key] of (['5', '6', '7', '8'] as const).entries()) {
      expect(controls.press(key)).toBe(true);
      await eventually(() => keys.length > i, `key ${i + 1} pressed`, { withinMs: 10_000, everyMs: 5 });
    }
    expect(controls.press('enter')).toBe(true);
    const pin = digitsOf(pinOf(await entry));
    off();
    expect(pin).toBe('5678');
    expect(keys).toEqual([1, 2, 3, 4, 4]);
  });

  it("'offline' unplugs the pad (a self test reads it offline); cleared, it answers again", async () => {
    controls.setFault('offline');
    expect(controls.press('1')).toBe(false);
    expect(await rig.pad.selfTest()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_TIMEOUT },
    });
    controls.setFault(null);
    expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });
  });

  it('refuses a fault it does not know', () => {
    expect(() => controls.setFault('jammed' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});
