/**
 * The customer card reader on the real PC/SC stack. The chip goes through pcsclite → pcscd; the
 * motorised mechanism is the emulated one, whose cards reach pcscd through vpcd (one TCP
 * connection per inserted card), so tests and the demo exercise the path a real reader takes.
 * A kiosk with a real motorised reader swaps in its mechanism driver (not written yet).
 */
import { CardMechanismEmulator } from './card-mechanism.emulator.js';
import { type EmulatedCardReaderOptions, virtualCardsFor } from './emulated-card-reader.js';
import { MotorisedCardReader } from './motorised-card-reader.js';
import { PcscChipLink, type PcscChipLinkOptions } from './pcsc-chip.link.js';
import type { VirtualCards } from './virtual-card/demo-cards.js';
import { VPCD_DEFAULT_PORT, VpcdCardLink } from './vpcd-card.link.js';

export interface PcscCardReaderOptions extends EmulatedCardReaderOptions, PcscChipLinkOptions {
  /** vpcd slot the virtual cards connect to (default 35963, the first slot) */
  readonly vpcdPort?: number;
  readonly vpcdHost?: string;
  /** how long `open` waits for the reader to appear (default 3000 ms) */
  readonly startWaitMs?: number;
}

export class PcscCardReader extends MotorisedCardReader {
  readonly cards: VirtualCards;
  readonly link: PcscChipLink;

  constructor(options: PcscCardReaderOptions = {}) {
    const cards = options.cards ?? virtualCardsFor(options);
    const chip = new PcscChipLink(options);
    const contacts = new VpcdCardLink({
      host: options.vpcdHost,
      port: options.vpcdPort ?? VPCD_DEFAULT_PORT,
    });
    const mechanism = new CardMechanismEmulator({
      cards,
      contacts,
      motorMs: options.motorMs,
      captureBin: options.captureBin,
    });
    super({
      mechanism,
      chip,
      driver: 'pcsc',
      transmitTimeoutMs: options.transmitTimeoutMs,
      startWaitMs: options.startWaitMs,
    });
    this.cards = cards;
    this.link = chip;
  }
}
