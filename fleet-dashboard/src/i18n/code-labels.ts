/**
 * The words for every coded error a kiosk or the monitor can send the dashboard (domain's
 * ErrorCode: a device's fault code, a fault event's, a retract's, a journey's end, a command's
 * answer), in English and Simplified Chinese, for operators. Typed by ErrorCode, so a new code
 * without words fails to compile, and the wording spec checks each code has words in both tables.
 * The code itself stays on the page beside its words, in small text, for field engineers
 * (`CodeWords`). A code outside ErrorCode (the contract takes any upper-case code) is shown as sent.
 */
import type { ErrorCode } from '@kiosk/domain';
import type { Labels } from './labels';

export type CodeLabels = Record<`code_${ErrorCode}`, string>;

/**
 * The words for a code, or undefined for a code the page has no words for (not an ErrorCode). Only
 * the code table's keys start with `code_` and a code is upper case, so no other label answers.
 */
export function codeWords(t: Labels, code: string): string | undefined {
  return Object.hasOwn(t, `code_${code}`) ? (t as Record<string, string>)[`code_${code}`] : undefined;
}
