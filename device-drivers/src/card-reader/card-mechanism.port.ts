/**
 * The mechanical side of a card reader, apart from the chip: where the card is, moving it to
 * the slot or the capture bin, and (for the emulated mechanism) the control surface the demo
 * panel and tests use. Implemented by the emulated motorised mechanism and by the presence
 * mechanism of a plain PC/SC reader that has no motor.
 */
import type { SupplyStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { CardEvent, CardPosition } from './card-reader.port.js';

/** `ejectJam`: the card jams on its way to the slot, every eject fails and it stays inside */
export type CardReaderFault = 'mute' | 'upsideDown' | 'offline' | 'transmitTimeout' | 'ejectJam';
export const CARD_READER_FAULTS: readonly CardReaderFault[] = [
  'mute',
  'upsideDown',
  'offline',
  'transmitTimeout',
  'ejectJam',
];

export type CardLocation = 'outside' | 'inReader' | 'atSlot' | 'captured';

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
  eject(signal?: AbortSignal): Promise<void>;
  retract(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
  // control surface of an emulated mechanism (a real one refuses with a coded error)
  insertCard(cardId: string): Promise<void>;
  pullCard(): Promise<void>;
  takeCard(): Promise<void>;
  setFault(fault: CardReaderFault | null): void;
  listCards(): { cardId: string; label: string; location: CardLocation }[];
  emptyCaptureBin(): number;
}
