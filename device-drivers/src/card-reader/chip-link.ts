/**
 * The two sides of the chip contacts, apart from any transport.
 * - `ChipLink` is what a reader driver uses to talk to the chip of the inserted card (PC/SC, or
 *   the in-process link to a virtual card).
 * - `CardContacts` is what the card mechanism uses to put a card on the contacts or take it off
 *   (the in-process link, or the vpcd link that plugs a virtual card into pcscd).
 */
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';

export interface ChipLink {
  /**
   * Powers the card and answers its ATR. Throws KioskError CARD_REMOVED (no card on the
   * contacts), CARD_MUTE (no answer to reset), CARD_UNREADABLE (no contact), DEVICE_OFFLINE.
   */
  connect(signal?: AbortSignal): Promise<Buffer>;
  /** One APDU; rejects with CARD_REMOVED when the card leaves the contacts meanwhile. */
  transmit(command: Buffer, signal?: AbortSignal): Promise<Buffer>;
  /** Powers the card down; safe to call when not connected. */
  disconnect(): Promise<void>;
  /** Releases everything (sockets, PC/SC context) so the process can exit. */
  close(): Promise<void>;
  /** Links with a life of their own (PC/SC): start, and report the reader's reachability. */
  start?(waitMs?: number, signal?: AbortSignal): Promise<ChipLinkState>;
  state?(): ChipLinkState;
  onState?(listener: (state: ChipLinkState) => void): () => void;
  /** The mechanism took the card off the contacts (eject, retract, pull). */
  cardLeft?(): void;
}

export type ChipLinkState = 'online' | 'offline' | 'noDevice';

/** How a card touches the contacts: the card faults of the emulator's control surface. */
export type ContactMode = 'normal' | 'mute' | 'upsideDown' | 'transmitTimeout';

export interface CardContacts {
  /** The card is on the contacts (after the motor drew it in). */
  attach(card: SocialSecurityCardEmulator): Promise<void>;
  /** The card left the contacts (ejected, retracted, pulled). */
  detach(): Promise<void>;
  setMode(mode: ContactMode): void;
  close(): Promise<void>;
}
