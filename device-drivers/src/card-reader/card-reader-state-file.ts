/**
 * The emulated card reader's mechanism kept in a file, so that an emulated kiosk that dies keeps
 * its card where it was, as a real reader does: a card in the reader or at the slot is still there
 * after a power cut, and the capture bin still holds what it captured. Read once when the reader is
 * made, written whole and durably before the mechanism answers a move (`writeKeptFile`: flushed to
 * the disk, renamed over the old one, its folder flushed, so a crash or a power cut leaves the old
 * state or the new one, never an empty or half one).
 *
 * A missing file is a fresh reader. One that does not read (empty, torn, not a reader's state, a
 * card no virtual card here) stops boot with DEVICE_HARDWARE_ERROR naming the file and why, never a
 * silent reset: it says where a resident's card is (in the reader, at the slot, in the bin), and an
 * empty reader would let the boot's recovery take a card still inside for one taken. The file is
 * left as it is; staff look for the card, then remove it.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { readKeptFile, writeKeptFile } from '../common/kept-file.js';
import type { CardPosition } from './card-reader.port.js';

/** What the mechanism remembers: where the card is, and what its capture bin holds. */
export interface CardMechanismState {
  readonly format: 1;
  readonly position: CardPosition;
  /** the virtual card in the reader or at the slot; null when `position` is 'none' */
  readonly cardId: string | null;
  /** the virtual cards in the capture bin (those the emulator knows by id) */
  readonly captured: readonly string[];
  /** the capture bin's count (cards it holds, known by id or not) */
  readonly captureBinCount: number;
  /**
   * the mechanism jammed (the `ejectJam` fault): `set` and no move met it yet, or the move it stopped
   * (the card stuck inside); absent: no jam. Kept until staff free the mechanism (the fault cleared).
   */
  readonly jam?: CardJam;
}

export type CardJam = 'set' | 'eject' | 'retract';
const JAMS: readonly string[] = ['set', 'eject', 'retract'] satisfies CardJam[];

/** The state file of one emulated reader: what it held when read, and where each change goes. */
export interface CardReaderStateFile {
  readonly path: string;
  /** the state found when the file was read; undefined: no file yet, a fresh reader */
  readonly remembered: CardMechanismState | undefined;
  /** writes the state whole; throws a coded error naming the file when it cannot */
  save(state: CardMechanismState): void;
}

/**
 * Reads `path` now (throws KioskError DEVICE_HARDWARE_ERROR naming it when it does not read as a
 * card reader's state, or names a card `isCard` does not know) and keeps each later change in it.
 */
export function cardReaderStateFile(
  path: string,
  isCard: (cardId: string) => boolean = () => true,
): CardReaderStateFile {
  const remembered = readCardReaderState(path, isCard);
  return {
    path,
    remembered,
    save(state) {
      writeCardReaderState(path, state);
    },
  };
}

export function readCardReaderState(
  path: string,
  isCard: (cardId: string) => boolean = () => true,
): CardMechanismState | undefined {
  const read = readKeptFile(path);
  if (read.found === 'none') return undefined;
  if (read.found === 'unreadable') throw unreadable(path, read.why, read.cause);
  const wrong = whatIsWrong(read.value);
  if (wrong) throw unreadable(path, wrong);
  const state = read.value as CardMechanismState;
  const unknown = [state.cardId, ...state.captured].find((id) => id !== null && !isCard(id));
  if (unknown !== undefined) throw unreadable(path, `it names ${unknown}, no virtual card here`);
  return state;
}

export function writeCardReaderState(path: string, state: CardMechanismState): void {
  try {
    writeKeptFile(path, state);
  } catch (e) {
    throw new KioskError(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      `The emulated card reader could not keep where the card is in its state file ${path}.`,
      { file: path },
      { cause: e },
    );
  }
}

function unreadable(path: string, why: string, cause?: unknown): KioskError {
  return new KioskError(
    ErrorCode.DEVICE_HARDWARE_ERROR,
    `The emulated card reader's state file ${path} does not read (${why}); where a card is was not known. Look for a card in the reader, at its slot and in its capture bin, then remove the file to start with an empty reader.`,
    { file: path },
    cause === undefined ? {} : { cause },
  );
}

const POSITIONS: readonly string[] = ['none', 'inReader', 'atSlot'] satisfies CardPosition[];

/** Why `value` is no card reader state, or undefined when it is one. */
function whatIsWrong(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const v = value as Record<string, unknown>;
  if (v.format !== 1) return `unknown format ${JSON.stringify(v.format)}`;
  if (typeof v.position !== 'string' || !POSITIONS.includes(v.position)) return 'no card position';
  const held = typeof v.cardId === 'string' && v.cardId.length > 0;
  if (v.cardId !== null && !held) return 'a card id that is no id';
  if ((v.position === 'none') === held) return 'the card id does not match the card position';
  if (!Array.isArray(v.captured) || !v.captured.every((c) => typeof c === 'string'))
    return 'no list of captured cards';
  const count = v.captureBinCount;
  if (!Number.isSafeInteger(count) || (count as number) < v.captured.length)
    return 'a capture bin count below the cards it holds';
  if (v.jam !== undefined && (typeof v.jam !== 'string' || !JAMS.includes(v.jam))) return 'an unknown jam';
  return undefined;
}
