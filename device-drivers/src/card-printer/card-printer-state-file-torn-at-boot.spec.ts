/**
 * Fault: the emulated card printer's state file found empty (its write outlived by a power cut: the
 * rename kept, the data not), torn, or not a printer's state when the daemon starts. Making the
 * emulator threw an uncoded SyntaxError (the daemon's boot failed INTERNAL, no file named), and a
 * state with a count missing was put back as it was. It says where every blank is (the hopper, the
 * card inside, the reject bin) and a personalised card inside, so no stock is made up from the
 * configuration: making the printer stops with DEVICE_HARDWARE_ERROR naming the file, why it does
 * not read, and what staff do; the file is left as it is. Real files.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, printer } from './evolis-printer-rig.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';
import { expectBootStoppedByStateFile } from '../common/state-file-torn-at-boot.spec-support.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'card-printer-state-torn-'));
  file = join(dir, 'card-printer.json');
});
afterEach(async () => {
  await closePrinters();
  rmSync(dir, { recursive: true, force: true });
});

const whole = {
  format: 1,
  hopper: 4,
  loaded: 5,
  ribbon: 9,
  rejectBin: 0,
  issued: 0,
  rejected: 0,
  jammed: 0,
  position: 'chipStation',
  cardId: 'JZ0001-blank-1',
  jamAt: null,
  serial: 1,
  prefix: 'JZ0001-blank',
};

describe('card-printer-state-file-torn-at-boot', () => {
  it.each([
    ['empty (a power cut after the rename, before the data)', '', /it is empty/],
    ['torn', JSON.stringify(whole).slice(0, 60), /not JSON: torn/],
    ['with a count missing', JSON.stringify({ ...whole, hopper: undefined }), /no count of hopper/],
    // a printer without a bin count is a model (reportsCounters: false), never a state
    ['with no reject bin count', JSON.stringify({ ...whole, rejectBin: null }), /no count of rejectBin/],
    [
      'with a card position it does not know',
      JSON.stringify({ ...whole, position: 'lost' }),
      /no card position/,
    ],
  ])(
    'card-printer-state-file-torn-at-boot: %s: boot stops naming the file and why, the file kept',
    (_what, text, why) =>
      expectBootStoppedByStateFile(file, text, () => new EvolisPrinterEmulator({ stateFile: file }), {
        why,
        staffDo: /Account for the blanks in the hopper, inside the printer and in the reject bin/,
      }),
  );

  it('card-printer-state-file-unreadable-at-boot: a folder in its place stops boot, it cannot be read', () => {
    mkdirSync(file);
    expect(() => new EvolisPrinterEmulator({ stateFile: file })).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file } }),
    );
  });

  it('a blank fed is in the file whole before the answer, with no temporary file left beside it', async () => {
    const { driver } = await printer({ stateFile: file, hopper: 3 });
    await driver.feedToChipStation();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ hopper: 2, position: 'chipStation' });
    expect(readdirSync(dir)).toEqual(['card-printer.json']);
  });
});
