/**
 * The customer card reader on the real PC/SC stack. The chip goes through pcsclite → pcscd.
 * The mechanism is either
 * - 'emulated': the emulated motorised mechanism, whose virtual cards reach pcscd through vpcd
 *   (one TCP connection per inserted card), so tests and the demo take a real reader's path; or
 * - 'presence': a plain reader without a motor, the card's position following pcscd.
 * A kiosk's real motorised reader adds its mechanism driver beside these (not written yet).
 */
import { CardMechanismEmulator } from './card-mechanism.emulator.js';
import type { CardMechanism } from './card-mechanism.port.js';
import { type EmulatedCardReaderOptions, virtualCardsFor } from './emulated-card-reader.js';
import { MotorisedCardReader } from './motorised-card-reader.js';
import { PcscChipLink, type PcscChipLinkOptions } from './pcsc-chip.link.js';
import { PresenceCardMechanism } from './presence-card-mechanism.js';
import type { VirtualCards } from './virtual-card/demo-cards.js';
import { VPCD_DEFAULT_PORT, VpcdCardLink } from './vpcd-card.link.js';

export interface PcscCardReaderOptions extends EmulatedCardReaderOptions, PcscChipLinkOptions {
  /** vpcd slot the virtual cards connect to (default 35963, the first slot) */
  readonly vpcdPort?: number;
  readonly vpcdHost?: string;
  /**
   * how long `open` waits for pcscd to list the reader (default 3000 ms; the daemon gives the
   * profile's `devices.cardReader.startWaitMs`); none with pcscd not answering. A reader listed
   * later is taken into service then.
   */
  readonly startWaitMs?: number;
  /** default 'emulated' (virtual cards through vpcd) */
  readonly mechanism?: 'emulated' | 'presence';
  /**
   * how long a chip command waits for the reader lost (pcscd restarting, the reader unplugged, or
   * back and its card not reported yet) to be back (default 0: it fails DEVICE_OFFLINE at once);
   * the daemon gives the profile's `devices.cardReader.positionWaitMs`
   */
  readonly lostReaderWaitMs?: number;
}

export class PcscCardReader extends MotorisedCardReader {
  /** the virtual cards of the emulated mechanism; undefined with a real reader */
  readonly cards: VirtualCards | undefined;
  readonly link: PcscChipLink;
  /** the vpcd side the virtual cards go through; undefined with a real reader */
  readonly contacts: VpcdCardLink | undefined;

  constructor(options: PcscCardReaderOptions = {}) {
    const chip = new PcscChipLink(options);
    let cards: VirtualCards | undefined;
    let mechanism: CardMechanism;
    let contacts: VpcdCardLink | undefined;
    if (options.mechanism === 'presence') {
      mechanism = new PresenceCardMechanism(chip);
    } else {
      cards = options.cards ?? virtualCardsFor(options);
      contacts = new VpcdCardLink({
        host: options.vpcdHost,
        port: options.vpcdPort ?? VPCD_DEFAULT_PORT,
      });
      mechanism = new CardMechanismEmulator({
        cards,
        contacts,
        motorMs: options.motorMs,
        captureBin: options.captureBin,
        ...(options.stateFile ? { stateFile: options.stateFile } : {}),
      });
    }
    super({
      mechanism,
      chip,
      driver: 'pcsc',
      transmitTimeoutMs: options.transmitTimeoutMs,
      pinTriesQueryAtrs: options.pinTriesQueryAtrs,
      moveTimeoutMs: options.moveTimeoutMs,
      startWaitMs: options.startWaitMs,
      lostReaderWaitMs: options.lostReaderWaitMs,
    });
    this.cards = cards;
    this.link = chip;
    this.contacts = contacts;
  }
}
