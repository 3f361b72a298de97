/**
 * The instant-issuance card printer (即办即取) as the daemon sees it: a hopper of blanks, a chip
 * station where the chip encoder (a contact reader, see card-reader) personalises the chip, a
 * print station that prints the card face with a ribbon, an output slot where the resident takes
 * the card, and a reject bin for spoiled or untaken cards. Every blank ends issued, rejected
 * (with a reason) or still in the hopper.
 */
import type { DevicePort, Unsubscribe } from '../common/device-port.js';
import type { ReplenishablePort } from '../common/supply-replenishment.js';

/** Where the card inside the printer is. */
export type PrinterCardPosition = 'none' | 'chipStation' | 'printStation' | 'outputSlot' | 'jammed';

export type CardRejectReason =
  'chipFailed' | 'readBackFailed' | 'printFailed' | 'notTaken' | 'jam' | 'test' | 'other';

/** The rendered card face (photo, name, masked ID number, card number, issue date). */
export interface CardFace {
  /** raster data, `widthPx * heightPx * 3` bytes of RGB */
  readonly rgb: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  /** the card number to emboss or indent, on printers with an embosser */
  readonly emboss?: string;
}

/**
 * Refills: blanks into the hopper (`cardHopper`), a new ribbon (`ribbon`), the reject bin emptied.
 * The card printer the daemon uses is the card-making port (`CardPrinterWithChipStation`): its
 * status is its chip station's too (a station that cannot encode reads offline with its coded
 * fault), so every reader of `status()`, `onStatus` and `selfTest` sees the station.
 */
export interface CardPrinterPort extends DevicePort, ReplenishablePort {
  readonly kind: 'cardPrinter';
  /** Where the card is, immediately. */
  cardPosition(): PrinterCardPosition;
  /**
   * Takes a blank from the hopper to the chip station. Refuses with DEVICE_SUPPLY_EMPTY (no blanks),
   * DEVICE_BUSY (a card is already inside or a command runs), CARD_PRINTER_JAM, DEVICE_OFFLINE.
   */
  feedToChipStation(signal?: AbortSignal): Promise<void>;
  /** Moves the card to the print station and prints the face (DEVICE_SUPPLY_EMPTY: ribbon out). */
  printFace(face: CardFace, signal?: AbortSignal): Promise<void>;
  /** Presents the card at the output slot; `onCardTaken` fires when the resident takes it. */
  ejectToOutput(signal?: AbortSignal): Promise<void>;
  onCardTaken(listener: () => void): Unsubscribe;
  /** Moves the card, wherever it is (the output slot included), to the reject bin. */
  ejectToRejectBin(reason: CardRejectReason, signal?: AbortSignal): Promise<void>;
}
