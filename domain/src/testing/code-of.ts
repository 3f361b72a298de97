/**
 * The code of the KioskError a refusal fails with: what a spec of a refusal asserts
 * (`expect(await codeOf(journal.close(id))).toBe(ErrorCode.JOURNAL_...)`). Work that succeeds fails
 * the spec; an error that is not a KioskError is thrown on as it was, so the spec shows it.
 */
import { KioskError } from '../kiosk-error.js';

/** The code of the KioskError `work` rejects with. */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    return kioskCode(e);
  }
  throw new Error('expected a KioskError, the work succeeded');
}

/** The code of the KioskError `work` throws at once (a call that answers without a promise). */
export function codeThrownBy(work: () => unknown): string {
  try {
    work();
  } catch (e) {
    return kioskCode(e);
  }
  throw new Error('expected a KioskError, the call returned');
}

function kioskCode(e: unknown): string {
  if (e instanceof KioskError) return e.code;
  throw e;
}
