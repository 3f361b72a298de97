/**
 * Fault: an operator's hold is written through `fleet-hold.json.tmp`, renamed over `fleet-hold.json`.
 * A write cut before its rename (a crash, a power cut, a disk fault) left the temp beside the journal,
 * holding a hold that never took effect (the kiosk went on from the file, or none: ADR 0027), read
 * by nothing and removed only by the next hold written, which may be months away. A field engineer
 * finding it could take the kiosk for held, or "restore" it. The hold's read at boot (the daemon its
 * only writer) now removes it; the hold is what the file says. Real files.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperatorHoldFile } from './operator-hold-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'operator-hold-temp-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'fleet-hold.json');
const hold = (commandId: string) => ({
  reason: 'REMOTE_OUT_OF_SERVICE',
  commandId,
  at: '2026-11-30T06:00:00Z',
});

describe('operator-hold-temp-left-by-a-cut-write', () => {
  it('operator-hold-temp-left-by-a-cut-write: a hold cut before its rename: no hold at boot, the temp removed', () => {
    writeFileSync(`${file()}.tmp`, JSON.stringify(hold('c-1')));
    expect(new OperatorHoldFile(file()).read('REMOTE_OUT_OF_SERVICE')).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a hold kept, and a later write of it cut (half written): the kept hold at boot, the temp removed', () => {
    new OperatorHoldFile(file()).write(hold('c-1'));
    writeFileSync(`${file()}.tmp`, '{"reason":"REMO');
    expect(new OperatorHoldFile(file()).read('REMOTE_OUT_OF_SERVICE')).toEqual(hold('c-1'));
    expect(readdirSync(dir)).toEqual(['fleet-hold.json']);
  });

  it('no temp: the hold read as before, nothing else there touched', () => {
    new OperatorHoldFile(file()).write(hold('c-2'));
    writeFileSync(join(dir, 'fleet-queue.json.tmp'), '{}');
    expect(new OperatorHoldFile(file()).read('REMOTE_OUT_OF_SERVICE')).toEqual(hold('c-2'));
    expect(readdirSync(dir).sort()).toEqual(['fleet-hold.json', 'fleet-queue.json.tmp']);
  });
});
