/**
 * The emulated card printer's mechanism kept in a file (`stateFile`), so that an emulated kiosk
 * that dies keeps its blanks where they were, as a real printer does: the hopper's stock and what
 * was loaded, the ribbon, the reject bin, the counters, and the card inside (at the chip station,
 * the print station, the output slot, jammed). Written whole and durably before each answer that
 * changed it (`writeKeptText`: flushed to the disk, renamed over the old one, its folder flushed, so
 * a crash or a power cut leaves the old state or the new one, never an empty or half one).
 *
 * A missing file starts from the configured stock. One that does not read (empty, torn, not a
 * printer's state) stops boot with DEVICE_HARDWARE_ERROR naming the file and why, never a stock made
 * up: every blank must be accounted for (issued, rejected or still in the hopper), and a
 * personalised card inside is one the boot's recovery of a card making looks for. The file is left
 * as it is for staff.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { readKeptFile, writeKeptText } from '../common/kept-file.js';
import type { MechanicsState } from './card-printer-mechanics.js';
import type { PrinterCardPosition } from './card-printer.port.js';
import { JAM_POSITIONS } from './card-printer.protocol.js';

/** The state `file` holds; undefined when there is none yet (throws a coded error when it does not read). */
export function readCardPrinterState(file: string): MechanicsState | undefined {
  const read = readKeptFile(file);
  if (read.found === 'none') return undefined;
  if (read.found === 'unreadable') throw unreadable(file, read.why, read.cause);
  const wrong = whatIsWrong(read.value);
  if (wrong) throw unreadable(file, wrong);
  return read.value as MechanicsState;
}

/**
 * Writes each state whole and durably when it is not the one written last: the status reads and
 * the bezel reads between two moves change nothing, and no flush to the disk stalls them. A disk
 * fault throws (the answer is not sent) and the next state is written again.
 */
export function cardPrinterStateWriter(file: string): (state: MechanicsState) => void {
  let written: string | undefined;
  return (state) => {
    const text = JSON.stringify(state);
    if (text === written) return;
    writeKeptText(file, text);
    written = text;
  };
}

function unreadable(file: string, why: string, cause?: unknown): KioskError {
  return new KioskError(
    ErrorCode.DEVICE_HARDWARE_ERROR,
    `The emulated card printer's state file ${file} does not read (${why}); where the blanks are was not known. Account for the blanks in the hopper, inside the printer and in the reject bin, then remove the file to start from the configured stock.`,
    { file },
    cause === undefined ? {} : { cause },
  );
}

const POSITIONS: readonly string[] = [
  'none',
  'chipStation',
  'printStation',
  'outputSlot',
  'jammed',
] satisfies PrinterCardPosition[];
// the reject bin's count too: a printer that does not count its bin is a model (`reportsCounters:
// false`), not a state; a state without the count is torn like one without any other
const COUNTS = ['hopper', 'loaded', 'ribbon', 'rejectBin', 'issued', 'rejected', 'jammed', 'serial'] as const;

const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;

/** Why `value` is no card printer state, or undefined when it is one. */
function whatIsWrong(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const v = value as Record<string, unknown>;
  if (v.format !== 1) return `unknown format ${JSON.stringify(v.format)}`;
  const notCount = COUNTS.find((k) => !isCount(v[k]));
  if (notCount) return `no count of ${notCount}`;
  if (typeof v.position !== 'string' || !POSITIONS.includes(v.position)) return 'no card position';
  if (v.cardId !== null && (typeof v.cardId !== 'string' || v.cardId.length === 0))
    return 'a card id that is no id';
  if (v.position === 'none' && v.cardId !== null) return 'a card id with no card inside';
  if (v.jamAt !== null && !(JAM_POSITIONS as readonly unknown[]).includes(v.jamAt)) return 'an unknown jam';
  if (typeof v.prefix !== 'string') return 'no blank prefix';
  return undefined;
}
