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
  /** Called when the state changes, and when why it is offline changes (`setUpFailure`). */
  onState?(listener: (state: ChipLinkState) => void): () => void;
  /** Why a link of its own life reads offline: its connection could not be set up (coded). */
  setUpFailure?(): ChipLinkSetUpFailure | undefined;
  /** The mechanism took the card off the contacts (eject, retract, pull). */
  cardLeft?(): void;
}

export type ChipLinkState = 'online' | 'offline' | 'noDevice';

/**
 * The last failed set-up of a link's connection (the PC/SC context), until one succeeds: the
 * error's code, the PC/SC return code when it carried one ("8010001d"), and whether it failed
 * partway (the service answered, the connection made, then its set-up threw: torn down, made
 * afresh at the next try) or at once (the service did not answer).
 */
export interface ChipLinkSetUpFailure {
  readonly code: string;
  readonly pcsc?: string;
  readonly partway: boolean;
}

/** "(CODE, PC/SC 0x8010001D)": a set-up failure as a fault's message says it. */
export function setUpFailureText(failure: ChipLinkSetUpFailure): string {
  const pcsc = failure.pcsc === undefined ? '' : `, PC/SC 0x${failure.pcsc.toUpperCase()}`;
  return `(${failure.code}${pcsc})`;
}

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
