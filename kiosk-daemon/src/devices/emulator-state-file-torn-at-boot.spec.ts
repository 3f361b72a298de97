/**
 * Fault: an emulator's state file beside the journal found empty (a power cut after its rename,
 * before its data) or torn when the daemon boots with that emulator configured. The card printer's
 * (card-printer.json) stopped boot with an uncoded SyntaxError (boot failed INTERNAL, no file
 * named); the dispenser's (cash-dispenser.json) with a coded error that named no file. Both hold
 * what must not be forgotten (every blank and a personalised card inside; the notes staged or
 * presented to a resident), so boot still stops, now DEVICE_HARDWARE_ERROR naming the file and why,
 * the file kept for staff; the card reader's stops the same way (`emulator-state-files`). The
 * daemon's devices as it makes them, in process, on real files.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevicesService } from './devices.service.js';
import { configIn } from './in-memory-pad-and-camera.spec-support.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-state-torn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['card-printer.json', 'cash-dispenser.json'])(
  'emulator-state-file-torn-at-boot: %s',
  (name) => {
    it.each([
      ['empty', '', /it is empty/],
      ['torn', '{"format":1,"hopp', /not JSON: torn/],
    ])(
      'emulator-state-file-torn-at-boot: found %s: boot stops DEVICE_HARDWARE_ERROR naming it and why',
      (_what, text, why) => {
        const file = join(dir, name);
        writeFileSync(file, text);
        let error: unknown;
        try {
          new DevicesService(configIn(dir, {}));
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({ code: 'DEVICE_HARDWARE_ERROR', details: { file } });
        expect((error as Error).message).toContain(file);
        expect((error as Error).message).toMatch(why);
        expect(readFileSync(file, 'utf8')).toBe(text);
      },
    );
  },
);
