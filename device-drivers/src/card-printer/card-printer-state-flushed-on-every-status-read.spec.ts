/**
 * Fault: the emulated card printer wrote its state file after every frame it answered, status reads
 * and the bezel reads of a card waiting at the slot included (six frames a status read, every two
 * seconds; a bezel read every quarter second). Each write is now flushed to the disk, some
 * milliseconds in which the daemon's event loop waits: it is made only when the state changed since
 * the one written last. Real files: a mark put in the file stays until the emulator writes it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { closePrinters, printer } from './evolis-printer-rig.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'card-printer-state-reads-'));
});
afterEach(async () => {
  await closePrinters();
  rmSync(dir, { recursive: true, force: true });
});

describe('card-printer-state-flushed-on-every-status-read', () => {
  it('card-printer-state-flushed-on-every-status-read: status reads leave the file as it is; a move writes it', async () => {
    const file = join(dir, 'card-printer.json');
    const { driver } = await printer({ stateFile: file, hopper: 3 });
    await driver.feedToChipStation();
    // a mark the emulator does not write: gone once it writes the file again
    const fed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...fed, mark: 'unwritten' }));
    await driver.selfTest();
    await driver.selfTest();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ mark: 'unwritten' });
    await driver.ejectToRejectBin('test');
    const ejected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(ejected).toMatchObject({ hopper: 2, position: 'none', rejectBin: 1 });
    expect(ejected.mark).toBeUndefined();
  });
});
