/**
 * The ESC/POS commands about the printer itself rather than the paper, as the emulated printer
 * (`escpos-printer.emulator.ts`) takes them: automatic status back (GS a), the process ID
 * response (GS ( H), transmit status (GS r), and a command it does not know (logged).
 */
import type { EscposToken } from './escpos-stream.parser.js';
import { GS, processIdResponse, type PrinterFlags } from './escpos.protocol.js';

/** What the printer does for such a command: log it, set the ASB mask, or answer bytes. */
export type PrinterCommandAct =
  | { readonly act: 'log'; readonly line: string }
  | { readonly act: 'asb'; readonly mask: number }
  | { readonly act: 'answer'; readonly bytes: Buffer };

/** The act for `t` when it is about the printer (`flags`: its state now); undefined for a paper command. */
export function printerCommandOf(t: EscposToken, flags: () => PrinterFlags): PrinterCommandAct | undefined {
  if (t.kind === 'unknown') {
    return {
      act: 'log',
      line: `unknown or malformed command ${t.bytes.subarray(0, 16).toString('hex')}: ${t.reason}`,
    };
  }
  if (t.kind !== 'command' || t.prefix !== GS) return undefined;
  const b = t.bytes;
  if (t.code === 0x61) return { act: 'asb', mask: b[2] ?? 0 };
  if (t.code === 0x28 && b[2] === 0x48 && b[5] === 0x30 && b[6] === 0x30 && b.length === 11) {
    return { act: 'answer', bytes: processIdResponse(b.subarray(7, 11).toString('latin1')) };
  }
  if (t.code === 0x72) {
    const f = flags();
    return { act: 'answer', bytes: Buffer.of((f.paperNearEnd ? 0x03 : 0) | (f.paperOut ? 0x0c : 0)) };
  }
  return undefined;
}
