/**
 * How the kiosk reads the lists in the host's answers (ADR 0013). The back office owns them and
 * may add values in any release, on its own calendar.
 *
 * - Open (`openList`): what the kiosk only shows, or writes as it is told, reads a value it does
 *   not know as a stand-in (`other`, `unknown`) and keeps the answer.
 * - Closed (`decisiveList`): what decides an action (a card's state, an application's kind and
 *   status, a payment's or a withdrawal's status). A value the kiosk does not know is never
 *   guessed: the action stops with a refusal of its own code (`unknownValueRefusal`), not the
 *   generic HOST_BAD_RESPONSE, so the resident is told and the fleet can count it.
 */
import { ErrorCode } from '@kiosk/domain';
import { z } from 'zod';

/** An open list: the values this kiosk knows plus `stand`, which any other value (or none) reads as. */
export const openList = <const T extends readonly string[], const S extends string>(known: T, stand: S) =>
  z
    .enum([...known, stand])
    .catch(stand)
    .meta({
      description: `open-ended: the host may send values besides ${known.join(', ')}; a kiosk reads one it does not know as '${stand}' and keeps the answer`,
    });

/** The refusals of a value the kiosk does not know in a closed list, one per list. */
export const UNKNOWN_VALUE_CODES = [
  ErrorCode.HOST_UNKNOWN_CARD_STATE,
  ErrorCode.HOST_UNKNOWN_APPLICATION,
  ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS,
  ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
] as const;
export type UnknownValueCode = (typeof UNKNOWN_VALUE_CODES)[number];
const UNKNOWN_VALUE_CODE_SET: ReadonlySet<string> = new Set(UNKNOWN_VALUE_CODES);

/**
 * A closed list that decides what the kiosk does. A value it does not know fails the answer with
 * `code` as the issue's message (read by `unknownValueRefusal`); a missing (or null) value stays
 * a malformed answer.
 */
export const decisiveList = <const T extends readonly [string, ...string[]]>(
  values: T,
  code: UnknownValueCode,
) =>
  z
    .enum(values, {
      error: (issue) => (issue.input === undefined || issue.input === null ? undefined : code),
    })
    .meta({
      description: `closed: a value besides ${values.join(', ')} stops the kiosk's action (${code})`,
    });

/**
 * The refusal an answer that failed its schema deserves: when every problem in it is a value the
 * kiosk does not know in a closed list, that list's code and where it was (`cards.0.state`);
 * otherwise undefined (a malformed answer: HOST_BAD_RESPONSE).
 */
export function unknownValueRefusal(
  issues: readonly z.core.$ZodIssue[],
): { readonly code: UnknownValueCode; readonly field: string } | undefined {
  const first = issues[0];
  if (!first) return undefined;
  const known = issues.every((i) => i.code === 'invalid_value' && UNKNOWN_VALUE_CODE_SET.has(i.message));
  if (!known) return undefined;
  return { code: first.message as UnknownValueCode, field: first.path.map(String).join('.') };
}
