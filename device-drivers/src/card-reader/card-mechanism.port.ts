/**
 * The mechanical side of a card reader, apart from the chip: where the card is, moving it to
 * the slot or the capture bin, and (for the emulated mechanism) the control surface the demo
 * panel and tests use. Implemented by the emulated motorised mechanism and by the presence
 * mechanism of a plain PC/SC reader that has no motor.
 */
import { ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { CardEvent, CardPosition } from './card-reader.port.js';

/**
 * `ejectJam`: the card jams in the mechanism, every eject and retract fails CARD_READER_JAM and it
 * stays inside; an emulated mechanism with a state file keeps the jam across a restart
 */
export type CardReaderFault = 'mute' | 'upsideDown' | 'offline' | 'transmitTimeout' | 'ejectJam';
export const CARD_READER_FAULTS: readonly CardReaderFault[] = [
  'mute',
  'upsideDown',
  'offline',
  'transmitTimeout',
  'ejectJam',
];

export type CardLocation = 'outside' | 'inReader' | 'atSlot' | 'captured';

/**
 * An emulated card as the demo panel lists it: its name (masked holder and card number, or the
 * label it was made with), where it is, and the card number its chip holds (for the daemon only).
 */
export interface EmulatedCardLine {
  readonly cardId: string;
  readonly label: string;
  readonly location: CardLocation;
  readonly cardNumber?: string;
}

export interface CardMechanism {
  /** true when the mechanism itself puts cards on and takes them off the contacts */
  readonly movesCards: boolean;
  position(): CardPosition;
  currentFault(): CardReaderFault | null;
  onEvent(listener: (event: CardEvent) => void): Unsubscribe;
  onFault(listener: (fault: CardReaderFault | null) => void): Unsubscribe;
  /** the capture bin, when the reader has one */
  captureBin(): SupplyStatus | undefined;
  /** at `open`, once the chip link is up: a card the mechanism remembers inside goes back on the contacts */
  restore?(): Promise<void>;
  /** a virtual card whose file does not read, met by the emulated mechanism: the reader's fault */
  cardFileFault?(): KioskError | undefined;
  /** staff test: the card file that did not read read again, its fault cleared once it reads */
  recheckCardFile?(): Promise<void>;
  /** the move a jam the mechanism remembers from before a restart stopped (the card stuck), if any */
  jammedOn?(): 'eject' | 'retract' | undefined;
  eject(signal?: AbortSignal): Promise<void>;
  retract(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
  // control surface of an emulated mechanism (a real one refuses with a coded error)
  insertCard(cardId: string): Promise<void>;
  pullCard(): Promise<void>;
  takeCard(): Promise<void>;
  setFault(fault: CardReaderFault | null): void;
  listCards(): EmulatedCardLine[];
  emptyCaptureBin(): number;
}

/** A card move failed in the mechanism: the card is stuck inside until field staff free it. */
export function cardJammed(move: 'eject' | 'retract'): KioskError {
  const message = 'The card is jammed in the reader; call field staff to open the reader.';
  return new KioskError(ErrorCode.CARD_READER_JAM, message, { jam: move });
}
