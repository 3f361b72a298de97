/**
 * How a kiosk reads a message of its command topic (ADR 0018), one rule for the kiosk daemon and
 * the fleet simulator's virtual kiosk: a command of this release for this kiosk is read; a type
 * this release does not know (a newer monitor's) is refused with TELEMETRY_COMMAND_UNKNOWN; a
 * known type that does not read (a field it does not know, a bad value), or no JSON at all, with
 * TELEMETRY_COMMAND_MALFORMED; a command for another kiosk with TELEMETRY_COMMAND_FOR_OTHER_KIOSK.
 * A refusal carries the command's id when it has an id's form, so the kiosk can acknowledge it.
 * Expiry and redelivery are the reader's (they depend on what it ran before).
 */
import { ErrorCode } from '@kiosk/domain';
import { CommandSchema, COMMAND_TYPES, type Command } from './telemetry.contract.js';

export type CommandReading =
  | { readonly ok: true; readonly command: Command }
  | {
      readonly ok: false;
      readonly code:
        | typeof ErrorCode.TELEMETRY_COMMAND_UNKNOWN
        | typeof ErrorCode.TELEMETRY_COMMAND_MALFORMED
        | typeof ErrorCode.TELEMETRY_COMMAND_FOR_OTHER_KIOSK;
      /** the refused command's id, to acknowledge it by; absent when it has none of an id's form */
      readonly commandId?: string;
    };

const ID_FORM = /^[0-9a-f-]{36}$/i;

/**
 * `payload`: the MQTT message as received (a Buffer, read as UTF-8) or its text. Typed without
 * Node's Buffer: the dashboard builds this contract for the browser.
 */
export function readCommand(payload: { toString(): string }, kioskId: string): CommandReading {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString());
  } catch {
    body = undefined;
  }
  const parsed = CommandSchema.safeParse(body);
  if (parsed.success && parsed.data.kioskId === kioskId) return { ok: true, command: parsed.data };
  const { id, type } = (typeof body === 'object' && body !== null ? body : {}) as {
    id?: unknown;
    type?: unknown;
  };
  const code = parsed.success
    ? ErrorCode.TELEMETRY_COMMAND_FOR_OTHER_KIOSK
    : typeof type === 'string' && !(COMMAND_TYPES as readonly string[]).includes(type)
      ? ErrorCode.TELEMETRY_COMMAND_UNKNOWN
      : ErrorCode.TELEMETRY_COMMAND_MALFORMED;
  return { ok: false, code, ...(typeof id === 'string' && ID_FORM.test(id) && { commandId: id }) };
}
