/**
 * What a motorised card reader is built from and how it is bounded (`motorised-card-reader.ts`):
 * its mechanism and chip link, and the waits of its start, its APDUs and its card moves.
 */
import type { CardMechanism } from './card-mechanism.port.js';
import type { ChipLink } from './chip-link.js';

export interface MotorisedCardReaderOptions {
  readonly mechanism: CardMechanism;
  readonly chip: ChipLink;
  /** 'emulator' or 'pcsc', as reported in the status */
  readonly driver: string;
  /** how long `open` waits for pcscd to list a PC/SC reader (default 3000 ms; the daemon: the profile's) */
  readonly startWaitMs?: number;
  readonly transmitTimeoutMs?: number;
  /** the ATRs of the card types asked their PIN tries left at the read (`ChipSessionOptions`) */
  readonly pinTriesQueryAtrs?: readonly string[];
  /**
   * the bound of one card move, eject to the slot or retract into the capture bin, counted from
   * the command (so the wait for a chip command in progress is in it): past it the move is
   * stopped and the command fails DEVICE_TIMEOUT (default `DEFAULT_CARD_MOVE_TIMEOUT_MS`)
   */
  readonly moveTimeoutMs?: number;
  /** how long a chip command waits for the reader lost (`lost-reader-wait.ts`); default 0: none */
  readonly lostReaderWaitMs?: number;
}
