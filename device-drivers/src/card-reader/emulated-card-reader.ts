/**
 * The card reader of `npm start` on a machine without pcscd, and of unit tests: the emulated
 * motorised mechanism with the virtual social-security cards on an in-process chip link. The
 * chip is still reached through the APDU layer, exactly as over PC/SC. Its control surface is
 * what the demo panel and tests drive.
 */
import { CardMechanismEmulator } from './card-mechanism.emulator.js';
import type { CardReaderStateFile } from './card-reader-state-file.js';
import { InProcessChipLink } from './in-process-chip.link.js';
import { MotorisedCardReader } from './motorised-card-reader.js';
import type { CardMemory, CardMemoryStore } from './virtual-card/card-memory.js';
import { InMemoryCardStore, JsonFileCardStore } from './virtual-card/card-memory.js';
import { createDemoCards, demoCardsOnFirstUse, type VirtualCards } from './virtual-card/demo-cards.js';

export interface EmulatedCardReaderOptions {
  /** directory of the card files (one JSON per card); absent: cards live in memory only */
  readonly cardDirectory?: string;
  /** the cards to use instead of the demo residents' (made from `cardDirectory` otherwise) */
  readonly cards?: VirtualCards;
  /** more cards next to the demo residents' (another region, a blank...) */
  readonly extraCards?: readonly CardMemory[];
  readonly issuerKey?: Uint8Array;
  /** motor travel time (default 0; the demo profile may use ~300 ms) */
  readonly motorMs?: number;
  /** deadline of one APDU (default 5000 ms) */
  readonly transmitTimeoutMs?: number;
  /** the ATRs of the card types asked their PIN tries left at the read (`ChipSessionOptions`) */
  readonly pinTriesQueryAtrs?: readonly string[];
  /** bound of one card move, eject or retract (default `DEFAULT_CARD_MOVE_TIMEOUT_MS`) */
  readonly moveTimeoutMs?: number;
  readonly captureBin?: { readonly count?: number; readonly capacity?: number; readonly threshold?: number };
  /**
   * the mechanism's state file (`cardReaderStateFile`, read when made): the card's place and the
   * capture bin outlive a restart, as a real reader's do; absent: kept in memory only
   */
  readonly stateFile?: CardReaderStateFile;
  /** "today" for the demo cards' dates (the expired card expires before it) */
  readonly today?: Date;
  /** wrong PINs before a virtual card's PIN locks (3; the region's `pin.maxAttempts`) */
  readonly pinTryLimit?: number;
}

export class EmulatedCardReader extends MotorisedCardReader {
  readonly cards: VirtualCards;

  constructor(options: EmulatedCardReaderOptions = {}) {
    const cards = options.cards ?? virtualCardsFor(options);
    const link = new InProcessChipLink();
    const mechanism = new CardMechanismEmulator({
      cards,
      contacts: link,
      motorMs: options.motorMs,
      captureBin: options.captureBin,
      ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    });
    super({
      mechanism,
      chip: link,
      driver: 'emulator',
      transmitTimeoutMs: options.transmitTimeoutMs,
      pinTriesQueryAtrs: options.pinTriesQueryAtrs,
      moveTimeoutMs: options.moveTimeoutMs,
    });
    this.cards = cards;
  }
}

/** The demo residents' cards (plus extras), kept in `cardDirectory` or in memory. */
export function virtualCardsFor(options: EmulatedCardReaderOptions): VirtualCards {
  return createDemoCards({ store: cardStoreIn(options.cardDirectory), ...demoCardOptions(options) });
}

/**
 * The same cards, made (their folder, the demo cards' files) only when a card is first used: for
 * a caller that hands them to devices which may turn out real (the daemon's card reader chosen at
 * open, a real card printer), so a terminal off the emulator's road never makes them.
 */
export function virtualCardsOnFirstUse(options: EmulatedCardReaderOptions): VirtualCards {
  return demoCardsOnFirstUse({
    store: () => cardStoreIn(options.cardDirectory),
    ...demoCardOptions(options),
  });
}

function cardStoreIn(cardDirectory: string | undefined): CardMemoryStore {
  return cardDirectory ? new JsonFileCardStore(cardDirectory) : new InMemoryCardStore();
}

function demoCardOptions({ issuerKey, today, extraCards, pinTryLimit }: EmulatedCardReaderOptions) {
  return { issuerKey, today, extraCards, pinTryLimit };
}
