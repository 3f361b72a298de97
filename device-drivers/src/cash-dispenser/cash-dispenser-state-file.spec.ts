import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { persistentCashDispenserEmulator } from './cash-dispenser-state-file.js';

describe('the emulated dispenser kept in a file (a kiosk that dies keeps its notes where they were)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cash-state-'));
    file = join(dir, 'cash-dispenser.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds staged notes still in the presenter after the process that dispensed them is gone', async () => {
    const first = persistentCashDispenserEmulator(file);
    await first.open();
    await first.dispense(30_000);
    // no close: the process died here
    const second = persistentCashDispenserEmulator(file);
    expect(second.presenter()).toEqual({ state: 'staged', amountFen: 30_000, notes: 3 });
    expect(second.cassettes().find((c) => c.id === 'upper')?.count).toBe(197);
    await second.open();
    expect(await second.retract()).toEqual({ retractedFen: 30_000, notes: 3 });
    const third = persistentCashDispenserEmulator(file);
    expect(third.status().supplies.find((s) => s.name === 'retractBin')?.count).toBe(3);
    expect(third.presenter().state).toBe('empty');
  });

  it('starts from the configured cassettes when there is no file yet', () => {
    const fresh = persistentCashDispenserEmulator(file, {
      cassettes: [{ id: 'upper', denominationFen: 10_000, count: 7, lowThreshold: 1, emptyThreshold: 0 }],
    });
    expect(fresh.cassettes().map((c) => c.count)).toEqual([7]);
  });

  it('refuses a torn state file with a coded error instead of inventing counts', () => {
    writeFileSync(file, '{"cassettes": [');
    expect(() => persistentCashDispenserEmulator(file)).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR }),
    );
  });
});
