/**
 * demo.looks: answered once the driver has looked the times asked for, with the reads meanwhile;
 * refused with a code when it does not in time (its listener dropped), or where no emulator counts.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import type { EmulatorControls } from '../devices/devices.service.js';
import { awaitLooks } from './demo-looks.js';

/** A GA 467 emulator's counts and looks (one unit under test: the wait, not the emulator). */
function ga467() {
  const listeners = new Set<() => void>();
  let asked = 10;
  let reads = 2;
  return {
    controls: {
      asked: () => asked,
      reads: () => reads,
      onAsked: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    look(read = false) {
      asked += 1;
      if (read) reads += 1;
      for (const l of [...listeners]) l();
    },
    listeners,
  };
}

const withReader = (reader: unknown) => ({ idReader: reader }) as unknown as EmulatorControls;

describe('demo.looks', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers after the looks asked for, with the cards read meanwhile, and keeps no listener', async () => {
    const reader = ga467();
    const answer = awaitLooks(withReader(reader.controls), 'idReader', 3, 5_000);
    reader.look();
    reader.look(true);
    reader.look();
    await expect(answer).resolves.toEqual({ looks: 3, reads: 1 });
    expect(reader.listeners.size).toBe(0);
  });

  it('fault: the driver does not look as often in time: refused with DEVICE_TIMEOUT, its listener dropped', async () => {
    const reader = ga467();
    const answer = awaitLooks(withReader(reader.controls), 'idReader', 3, 1_000);
    reader.look();
    jest.advanceTimersByTime(1_000);
    await expect(answer).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(reader.listeners.size).toBe(0);
  });

  it('fault: no byte-level ID reader or no card printer emulated: refused with GATEWAY_NOT_ALLOWED (a rejection, not a throw)', async () => {
    // the in-memory ID reader emulator counts no looks (the driver never polls it)
    const inMemory = awaitLooks(withReader({ isCardPresent: () => false }), 'idReader', 1, 1_000);
    await expect(inMemory).rejects.toMatchObject({ code: ErrorCode.GATEWAY_NOT_ALLOWED });
    const noPrinter = awaitLooks(withReader(undefined), 'cardPrinter', 1, 1_000);
    await expect(noPrinter).rejects.toMatchObject({ code: ErrorCode.GATEWAY_NOT_ALLOWED });
  });
});
