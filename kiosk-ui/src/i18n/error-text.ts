import type { ErrorCode } from '@kiosk/domain';
import type { ErrorMessage } from './error-messages';
import type { Messages } from './messages.en';

/**
 * The words for an error code in one catalogue. A code not yet translated falls back to the
 * daemon's own message (already safe to show) with the generic advice of INTERNAL.
 */
export function errorText(
  messages: Messages,
  code: ErrorCode | string,
  daemonMessage?: string,
): ErrorMessage {
  const known = messages.errors[code];
  if (known !== undefined) return known;
  const generic = messages.errors.INTERNAL ?? { what: '', next: '' };
  return { what: daemonMessage ?? generic.what, next: generic.next };
}

/** A kiosk view's reason (a code) in words: a service reason, an error code, else the code as sent. */
export function reasonText(messages: Messages, reason: string): string {
  const reasons: Partial<Record<string, string>> = messages.reasons;
  return reasons[reason] ?? messages.errors[reason]?.what ?? reason;
}
