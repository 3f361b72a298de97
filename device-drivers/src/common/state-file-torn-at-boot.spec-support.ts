/**
 * What the torn-at-boot specs of an emulator's kept state file (the card printer's, the cash
 * dispenser's) assert: `text` written as the file, making the emulator stops boot with
 * DEVICE_HARDWARE_ERROR naming the file, why it does not read (`why`) and what staff do (`staffDo`),
 * and the file is left as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';

export function expectBootStoppedByStateFile(
  file: string,
  text: string,
  make: () => unknown,
  { why, staffDo }: { readonly why: RegExp; readonly staffDo: RegExp },
): void {
  writeFileSync(file, text);
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file } });
  const message = (error as Error).message;
  expect(message).toContain(file);
  expect(message).toMatch(why);
  expect(message).toMatch(staffDo);
  expect(readFileSync(file, 'utf8')).toBe(text);
}
