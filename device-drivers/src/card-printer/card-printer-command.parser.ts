/**
 * The card printer's side of the byte protocol of `card-printer.protocol.ts`: its input stream
 * split into frames (text commands and Db panel downloads), whatever the chunking.
 */
import {
  CR,
  ESC,
  MAX_PANEL_BYTES,
  MAX_TEXT_FRAME,
  PANELS,
  panelBytes,
  type Panel,
} from './card-printer.protocol.js';

export type InboundFrame =
  | { readonly kind: 'command'; readonly name: string; readonly params: readonly string[] }
  | {
      readonly kind: 'panel';
      readonly panel: Panel;
      readonly width: number;
      readonly height: number;
      readonly data: Buffer;
    }
  /** bytes that are not a frame: answered with ERR_FRAME, then the parser resynchronises */
  | { readonly kind: 'malformed'; readonly reason: string };

const DB_HEAD = /^Db;([a-z]);(\d{1,5});(\d{1,5});(\d{1,8});$/;

/**
 * Splits the printer's input stream into frames, whatever the chunking. Garbage before an ESC,
 * a frame cut by the next ESC, a frame with no CR within its limit and a bad Db header each
 * give one 'malformed' frame; the parser never throws and never holds more than one frame.
 */
export class CommandParser {
  private text: number[] | null = null;
  private garbage = 0;
  private skipping = false;
  /** a Db frame's binary part being read, then its closing CR awaited */
  private panel: { head: RegExpExecArray; data: Buffer; filled: number } | null = null;

  push(chunk: Uint8Array): InboundFrame[] {
    const out: InboundFrame[] = [];
    let i = 0;
    while (i < chunk.length) {
      const panel = this.panel;
      if (panel && panel.filled < panel.data.length) {
        const take = Math.min(chunk.length - i, panel.data.length - panel.filled);
        Buffer.from(chunk.buffer, chunk.byteOffset + i, take).copy(panel.data, panel.filled);
        panel.filled += take;
        i += take;
        continue;
      }
      const byte = chunk[i] as number;
      i += 1;
      if (panel) {
        this.panel = null;
        if (byte === CR) {
          out.push(panelFrame(panel.head, panel.data));
          continue;
        }
        out.push({ kind: 'malformed', reason: 'a panel is not closed by CR' });
        if (byte === ESC) this.text = [];
        continue;
      }
      if (byte === ESC) {
        if (this.garbage > 0 && !this.skipping)
          out.push({ kind: 'malformed', reason: 'bytes outside a frame' });
        if (this.text !== null) out.push({ kind: 'malformed', reason: 'a frame was cut by the next' });
        this.garbage = 0;
        this.skipping = false;
        this.text = [];
        continue;
      }
      if (this.text === null) {
        // garbage outside a frame is reported once, when the next frame starts
        this.garbage += 1;
        continue;
      }
      if (byte === CR) {
        out.push(textFrame(Buffer.from(this.text).toString('latin1')));
        this.text = null;
        continue;
      }
      this.text.push(byte);
      if (byte === 0x3b && this.text[0] === 0x44 && this.text[1] === 0x62) {
        const head = DB_HEAD.exec(Buffer.from(this.text).toString('latin1'));
        if (head) {
          this.text = null;
          const size = checkPanelHead(head);
          if (typeof size === 'string') {
            out.push({ kind: 'malformed', reason: size });
            // the binary part that follows is skipped, unreported, until the next ESC
            this.skipping = true;
          } else this.panel = { head, data: Buffer.alloc(size), filled: 0 };
          continue;
        }
      }
      if (this.text.length > MAX_TEXT_FRAME) {
        out.push({ kind: 'malformed', reason: 'a frame longer than 256 bytes' });
        this.text = null;
      }
    }
    return out;
  }
}

function checkPanelHead(head: RegExpExecArray): number | string {
  const panel = head[1] as Panel;
  if (!PANELS.includes(panel)) return `no panel ${panel}`;
  const [width, height, bytes] = [Number(head[2]), Number(head[3]), Number(head[4])];
  if (width === 0 || height === 0) return 'an empty panel';
  if (bytes > MAX_PANEL_BYTES) return 'a panel larger than the printer takes';
  if (bytes !== panelBytes(panel, width, height)) return 'a panel whose size does not match its data';
  return bytes;
}

function panelFrame(head: RegExpExecArray, data: Buffer): InboundFrame {
  return {
    kind: 'panel',
    panel: head[1] as Panel,
    width: Number(head[2]),
    height: Number(head[3]),
    data,
  };
}

function textFrame(text: string): InboundFrame {
  if (text.length === 0) return { kind: 'malformed', reason: 'an empty frame' };
  if (!/^[\x20-\x7e]+$/.test(text)) return { kind: 'malformed', reason: 'a frame with binary bytes' };
  const [name = '', ...params] = text.split(';');
  return { kind: 'command', name, params };
}
