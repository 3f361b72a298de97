/**
 * The fault: the LCDM emulator closed while it counted notes kept the count's timer (the notes'
 * transport time, 2 s a note in the slow specs) running after its line was gone. Nothing waited
 * for it, yet it held the process open: a Jest worker whose last suite closed a dispenser
 * mid-count did not exit and was force exited. Now `close` stops the count with its timer.
 */
import type { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ACK, LcdmCommand, encodeFrame } from './cash-dispenser.protocol.js';
import { LcdmCashDispenserEmulator } from './lcdm-cash-dispenser.emulator.js';
import { hostLine } from './lcdm-host-line.spec-support.js';

const MS_PER_NOTE = 2_000;

/** Pushes a dispense of three notes from the upper cassette and waits for its ACK. */
async function dispenseThreeNotes(line: Duplex, written: number[]): Promise<void> {
  line.push(encodeFrame('command', LcdmCommand.UPPER_DISPENSE, [0x30, 0x33]));
  while (!written.includes(ACK)) await new Promise((resolve) => process.nextTick(resolve));
}

describe('fault: the LCDM emulator closed while it counts notes', () => {
  beforeEach(() => {
    // streams and promises keep their real ticks; only the count's time is simulated
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('its close stops the count: no timer of it is left, no answer leaves, the notes moved stay moved', async () => {
    const emulator = new LcdmCashDispenserEmulator({ msPerNote: MS_PER_NOTE });
    const { line, written } = hostLine();
    emulator.attach(line);
    const loaded = emulator.mechanism.cassettes.upper.count;
    await dispenseThreeNotes(line, written);
    expect(jest.getTimerCount()).toBe(1); // the count under way

    emulator.close();

    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(3 * MS_PER_NOTE);
    expect(written).toEqual([ACK]);
    expect(emulator.mechanism.cassettes.upper.count).toBe(loaded - 3);
  });

  it('a pulled cable (detach) leaves the count running, as the mechanism would', async () => {
    const emulator = new LcdmCashDispenserEmulator({ msPerNote: MS_PER_NOTE });
    const { line, written } = hostLine();
    emulator.attach(line);
    await dispenseThreeNotes(line, written);

    emulator.detach();

    expect(jest.getTimerCount()).toBe(1);
    emulator.close();
    expect(jest.getTimerCount()).toBe(0);
  });
});
