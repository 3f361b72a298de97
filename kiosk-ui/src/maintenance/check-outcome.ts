/**
 * What a test on the staff screens says once the daemon answered. The self test and the test
 * receipt answer a test that did not pass as an answer, not a refusal (`{ passed: false, failed }`:
 * the device the self test found not working and its fault; `{ printed: false, code }`: the
 * printer's fault), journaled failed at the kiosk: the screen says it as a refusal naming the device
 * and its fault, never "done". The test dispense and the test card are refused when they fail.
 */
import { StaffApiError } from './maintenance-api';
import type { Notice } from './staff-supplies';

export const STAFF_CHECKS = [
  ['selfTest', 'self-test'],
  ['testReceipt', 'test-receipt'],
  ['testDispense', 'test-dispense'],
  ['testCard', 'test-card'],
] as const;

export type StaffCheck = (typeof STAFF_CHECKS)[number][0];

/** the code of a fault the answer does not name */
const UNNAMED_FAULT = 'DEVICE_HARDWARE_ERROR';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The device and fault of a test the daemon answered as not passed, else undefined. */
function failureOf(check: StaffCheck, answer: unknown): { device?: string; code: string } | undefined {
  const said = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (check === 'selfTest' && said.passed === false) {
    const failed = (typeof said.failed === 'object' && said.failed !== null ? said.failed : {}) as Record<
      string,
      unknown
    >;
    const device = text(failed.device);
    return { ...(device !== undefined && { device }), code: text(failed.code) ?? UNNAMED_FAULT };
  }
  if (check === 'testReceipt' && said.printed === false)
    return { device: 'receiptPrinter', code: text(said.code) ?? UNNAMED_FAULT };
  return undefined;
}

/**
 * The notice of a test that passed; one that did not is thrown as a `StaffApiError` with the fault's
 * code and `{ check, device, fault }` (the staff screens' refusal detail says them in words).
 */
export function checkOutcome(check: StaffCheck, answer: unknown): Notice {
  const failed = failureOf(check, answer);
  if (failed) {
    throw new StaffApiError(failed.code, 'The test did not pass.', {
      check,
      ...(failed.device !== undefined && { device: failed.device }),
      fault: failed.code,
    });
  }
  return (say) => say('staff.checkDone', { check: say(`staff.checks.${check}`) });
}
