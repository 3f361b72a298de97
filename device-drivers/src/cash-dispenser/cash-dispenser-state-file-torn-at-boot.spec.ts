/**
 * Fault: an emulated dispenser's state file found empty (its write outlived by a power cut: the
 * rename kept, the data not), torn, or unreadable when the daemon starts. It says where money is
 * (in the cassettes, staged or presented to a resident, retracted, rejected), so no count is made
 * up from the configuration: making the dispenser stops with DEVICE_HARDWARE_ERROR naming the file,
 * why it does not read, and what staff do; the file is left as it is. It used to say neither the
 * file nor why. Both emulators: the in-memory one and the byte-level LCDM one. Real files.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  persistentCashDispenserEmulator,
  persistentLcdmEmulatorOptions,
} from './cash-dispenser-state-file.js';
import { expectBootStoppedByStateFile } from '../common/state-file-torn-at-boot.spec-support.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-state-torn-'));
  file = join(dir, 'cash-dispenser.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const makers = {
  'in-memory dispenser': (at: string) => persistentCashDispenserEmulator(at),
  'LCDM dispenser': (at: string) => persistentLcdmEmulatorOptions(at),
};

describe.each(Object.entries(makers))('cash-dispenser-state-file-torn-at-boot: the %s', (_name, make) => {
  it.each([
    ['empty (a power cut after the rename, before the data)', '', /it is empty/],
    ['torn', '{"cassettes":{"upper":{"count":19', /not JSON: torn/],
    ['not a dispenser state', '{"cassettes":"none"}', /not a cash dispenser state/],
  ])(
    'cash-dispenser-state-file-torn-at-boot: %s: boot stops naming the file and why, the file kept',
    (_what, text, why) =>
      expectBootStoppedByStateFile(file, text, () => make(file), {
        why,
        staffDo: /Count the notes in the cassettes, the presenter and the bins/,
      }),
  );

  it('cash-dispenser-state-file-unreadable-at-boot: a folder in its place stops boot, it cannot be read', () => {
    mkdirSync(file);
    expect(() => make(file)).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file } }),
    );
    expect(() => make(file)).toThrow(/cannot be read/);
  });
});

it('the notes staged are in the file whole, with no temporary file left beside it', async () => {
  const dispenser = persistentCashDispenserEmulator(file);
  await dispenser.open();
  await dispenser.dispense(20_000);
  expect(persistentCashDispenserEmulator(file).presenter()).toMatchObject({ state: 'staged', notes: 2 });
  expect(readdirSync(dir)).toEqual(['cash-dispenser.json']);
});
