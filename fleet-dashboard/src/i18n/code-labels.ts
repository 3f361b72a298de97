/**
 * The words for every coded error a kiosk or the monitor can send the dashboard (domain's
 * ErrorCode: a device's fault code, a fault event's, a retract's, a journey's end, a command's
 * answer), in English and Simplified Chinese, for operators. Typed by ErrorCode, so a new code
 * without words fails to compile, and the wording spec checks each code has words in both tables.
 * A kiosk's service reason (domain's ServiceReason: its status's reason, a recovery needing staff,
 * a released hold) has its own table (`reason-labels.ts`) and is looked up the same way.
 * The code itself stays on the page beside its words, in small text, for field engineers
 * (`CodeWords`). A code outside both (the contract takes any upper-case code) is shown as sent.
 */
import type { ErrorCode, ServiceReason } from '@kiosk/domain';
import type { Labels } from './labels';

export type CodeLabels = Record<`code_${ErrorCode}`, string>;

/** A code the page looks up is an ErrorCode or a ServiceReason, never both: this fails to compile if one is. */
const noCodeIsBoth: [Extract<ErrorCode, ServiceReason>] extends [never] ? true : never = true;
void noCodeIsBoth;

/**
 * The words for a code (an ErrorCode, or a ServiceReason), or undefined for a code the page has no
 * words for. Only the code tables' keys start with `code_` / `reason_` and a code is upper case, so
 * no other label answers.
 */
export function codeWords(t: Labels, code: string): string | undefined {
  for (const key of [`code_${code}`, `reason_${code}`])
    if (Object.hasOwn(t, key)) return (t as Record<string, string>)[key];
  return undefined;
}

/** A code in words, or as sent when the page has no words for it. */
export function codeInWords(t: Labels, code: string): string {
  return codeWords(t, code) ?? code;
}

/** The code itself when the page has words for it (shown as sent, small, beside them); else none. */
export function wordedCode(t: Labels, code: string | null | undefined): string | undefined {
  return code && codeWords(t, code) !== undefined ? code : undefined;
}
