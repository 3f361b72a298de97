/**
 * The card printer's byte protocol, shared by the driver and the byte-level emulator: an
 * escape-framed text command set modelled on the command language of Evolis card printers.
 *
 * Sources of the subset (public material, read for its shape; no text copied):
 * - "Evolis Card Printers Programming Guide", P/N A5013 Rev. E (2003/2004): frame = start
 *   character ESC, command, stop character CR, elements separated by ';'; command families
 *   R (read), S (sequence), P (parameter), D (download); `Sis` (insert a card from the feeder to
 *   the smart-card contact station), `Ss` / `Se` (start / end of a print sequence), `Db`
 *   (download the bitmap of one ribbon panel: y, m, c, k, o), `Ser` (eject into the reject
 *   box), `Pem;2` (errors managed by the software, not by the printer).
 * - Evolis' SDK pages and the public integration code of a Chinese social-security kiosk driving
 *   an Evolis printer: `Rlr;p` answers the card position ("OK" none, "CARD" print position,
 *   "SMART CARD" contact station), `Rse;f` / `Rse;n` / `Rse;o` / `Rse;b` answer sensor voltages
 *   ("5,00 Volts" / "0,00 Volts": feeder not empty, feeder near empty, cover closed, card at the
 *   bezel), `Rlr;h` answers "CARD" when the reject box is full, `Pneab;E` keeps the card inside
 *   after printing.
 * - The Evolis C SDK's minor state names, used here as error words: DEF_FEEDER_EMPTY,
 *   DEF_RIBBON_ENDED, DEF_REJECT_BOX_FULL, DEF_COVER_OPEN, ERR_HEAD_TEMP, ERR_MECHANICAL.
 *
 * Our own extensions (a real printer has no such command; the mnemonics follow the same
 * families): `Rst` (state: READY / WARNING / ERROR with the minor word), `Rco;f` and `Rco;r`
 * (cards in the feeder and in the reject box: an emulator and a counting feeder can say so),
 * `Rrt;count` (prints left on the ribbon), `Rrt;capacity` (the prints a full ribbon of the kind
 * fitted holds, as its tag says: what Evolis' own software reports as the ribbon's capacity; a
 * ribbon without a tag, or a model that does not read it, answers ERR;ERR_COMMAND and the profile's
 * `ribbonCapacity` stands), `Sob` (present the card at the output bezel),
 * `Dem;<text>` (emboss or indent the card number, for embosser models), and field staff's refills:
 * `Pco;f;<n>` (n blanks loaded into a counting feeder), `Prt;<n>` (a new ribbon of n prints),
 * `Pco;r;0` (the reject box emptied, its counter to 0); a printer without such a counter answers
 * ERR;ERR_COMMAND and the count is the one staff entered (a model without card counters refuses
 * every `Rco` and `Pco` so: the emulator's `reportsCounters: false`). `Db` carries its size
 * explicitly (`Db;<panel>;<width>;<height>;<bytes>;` then the bytes, then CR) so a reader never
 * has to guess where binary data ends: y/m/c panels are 8 bits a pixel, k and o 1 bit a pixel,
 * rows packed MSB first.
 *
 * Replies are text ending in CR: "OK", a value, or "ERR;<WORD>[;<detail>]". The printer side's
 * frame parser is `card-printer-command.parser.ts`.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';

export const ESC = 0x1b;
export const CR = 0x0d;
/** the longest text frame the printer accepts (a Db frame's binary part is counted apart) */
export const MAX_TEXT_FRAME = 256;
/** the largest panel a Db frame may carry: 1016 x 648 at 8 bits, with room to spare */
export const MAX_PANEL_BYTES = 1_100_000;

export const PANELS = ['y', 'm', 'c', 'k', 'o'] as const;
export type Panel = (typeof PANELS)[number];
export const panelBitsPerPixel = (panel: Panel): 1 | 8 => (panel === 'k' || panel === 'o' ? 1 : 8);
export function panelBytes(panel: Panel, width: number, height: number): number {
  return panelBitsPerPixel(panel) === 8 ? width * height : Math.ceil(width / 8) * height;
}

/** Card positions as `Rlr;p` names them ("OK" = no card inside) plus the bezel and a jam. */
export const POSITION_REPLY = {
  none: 'OK',
  chipStation: 'SMART CARD',
  printStation: 'CARD',
  outputSlot: 'BEZEL',
  jammed: 'JAMMED',
} as const;

/** Error words of the replies ("ERR;<word>"). */
export const PrinterError = {
  FEEDER_EMPTY: 'DEF_FEEDER_EMPTY',
  RIBBON_ENDED: 'DEF_RIBBON_ENDED',
  REJECT_BOX_FULL: 'DEF_REJECT_BOX_FULL',
  COVER_OPEN: 'DEF_COVER_OPEN',
  HEAD_TEMP: 'ERR_HEAD_TEMP',
  /** a card jam; the detail names where */
  MECHANICAL: 'ERR_MECHANICAL',
  NO_CARD: 'ERR_NO_CARD_INSERTED',
  CARD_INSIDE: 'ERR_CARD_INSIDE',
  OFFLINE: 'ERR_OFFLINE',
  BUSY: 'ERR_BUSY',
  /** a frame that does not parse (torn, garbage before ESC, no CR in time) */
  FRAME: 'ERR_FRAME',
  COMMAND: 'ERR_COMMAND',
  PARAMETER: 'ERR_PARAMETER',
  /** a print sequence out of order or incomplete */
  SEQUENCE: 'ERR_SEQUENCE',
} as const;
export type PrinterError = (typeof PrinterError)[keyof typeof PrinterError];

export type JamPosition = 'feed' | 'chipStation' | 'printStation' | 'output';
export const JAM_POSITIONS: readonly JamPosition[] = ['feed', 'chipStation', 'printStation', 'output'];

// ---------------------------------------------------------------- frames out (driver side)

/** One text command: ESC, the elements joined by ';', CR. */
export function command(...elements: (string | number)[]): Buffer {
  const text = elements.map(String).join(';');
  if ([...text].some((ch) => ch.charCodeAt(0) < 0x20))
    throw new RangeError('A command holds no control characters.');
  const body = Buffer.from(text, 'latin1');
  if (body.length > MAX_TEXT_FRAME) throw new RangeError('A command is at most 256 bytes.');
  return Buffer.concat([Buffer.from([ESC]), body, Buffer.from([CR])]);
}

/** A panel download: ESC Db;<panel>;<w>;<h>;<n>; <n bytes> CR. */
export function downloadPanel(panel: Panel, width: number, height: number, data: Uint8Array): Buffer {
  const expected = panelBytes(panel, width, height);
  if (data.length !== expected) throw new RangeError(`Panel ${panel} needs ${expected} bytes.`);
  const head = Buffer.from(`Db;${panel};${width};${height};${data.length};`, 'latin1');
  return Buffer.concat([Buffer.from([ESC]), head, data, Buffer.from([CR])]);
}

// ---------------------------------------------------------------- replies

export function reply(text: string): Buffer {
  return Buffer.from(`${text}\r`, 'latin1');
}

export function errorReply(word: PrinterError, detail?: string): Buffer {
  return reply(detail ? `ERR;${word};${detail}` : `ERR;${word}`);
}

/** Splits the driver's input into reply lines; a line over 256 bytes is cut and flagged. */
export class ReplyParser {
  private buffer: number[] = [];

  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    for (const byte of chunk) {
      if (byte === CR) {
        lines.push(Buffer.from(this.buffer).toString('latin1'));
        this.buffer = [];
      } else if (byte !== 0x0a) {
        this.buffer.push(byte);
        if (this.buffer.length > MAX_TEXT_FRAME) {
          lines.push(`ERR;${PrinterError.FRAME};reply too long`);
          this.buffer = [];
        }
      }
    }
    return lines;
  }
}

/** A sensor voltage as the printer writes it ("5,00 Volts"). */
export const volts = (high: boolean): string => (high ? '5,00 Volts' : '0,00 Volts');
export const voltsHigh = (text: string): boolean => Number.parseFloat(text.replace(',', '.')) >= 1;

/** The coded error a reply's error word means to the daemon. */
export function errorOfReply(line: string): KioskError | null {
  if (!line.startsWith('ERR;')) return null;
  const [, word = '', detail] = line.split(';');
  switch (word) {
    case PrinterError.FEEDER_EMPTY:
      return new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'The card hopper is empty; call field staff.', {
        supply: 'cardHopper',
      });
    case PrinterError.RIBBON_ENDED:
      return new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'The ribbon is used up; call field staff.', {
        supply: 'ribbon',
      });
    case PrinterError.REJECT_BOX_FULL:
      return new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin is full; call field staff.', {
        supply: 'rejectBin',
      });
    case PrinterError.COVER_OPEN:
      return new KioskError(ErrorCode.CARD_PRINTER_COVER_OPEN, 'The card printer cover is open; close it.');
    case PrinterError.HEAD_TEMP:
      return new KioskError(
        ErrorCode.DEVICE_HARDWARE_ERROR,
        'The card printer head failed; call field staff.',
        {
          fault: 'printHead',
        },
      );
    case PrinterError.MECHANICAL:
      return new KioskError(
        ErrorCode.CARD_PRINTER_JAM,
        'A card is jammed in the card printer; call field staff.',
        {
          position: detail ?? 'unknown',
        },
      );
    case PrinterError.NO_CARD:
      return new KioskError(ErrorCode.CARD_PRINTER_NO_CARD, 'There is no card where the printer needs one.');
    case PrinterError.CARD_INSIDE:
    case PrinterError.BUSY:
      return new KioskError(ErrorCode.DEVICE_BUSY, 'A card is already inside the card printer.');
    case PrinterError.OFFLINE:
      return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer is offline.');
    default:
      return new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card printer refused a command.', {
        reply: line.slice(0, 64),
      });
  }
}
