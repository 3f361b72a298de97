/**
 * The motorised mechanism of a kiosk card reader, emulated: the shutter and motor that draw a
 * card in and put it on the chip contacts, eject it to the slot or retract it into the capture
 * bin. Its control surface (insert, pull, take, faults) is what tests and the demo panel use.
 * The chip is never touched here: the card goes onto `CardContacts` (in-process or vpcd).
 */
import { ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { CardContacts, ContactMode } from './chip-link.js';
import type { CardEvent, CardPosition } from './card-reader.port.js';
import {
  CARD_READER_FAULTS,
  cardJammed,
  type EmulatedCardLine,
  type CardMechanism,
  type CardReaderFault,
} from './card-mechanism.port.js';
import { CardMechanismContents, type CardMechanismContentsOptions } from './card-mechanism-contents.js';
import { motorTravel } from './deadline.js';
import { CardFileFault } from './card-file-fault.js';
import { UnreadableCardFile } from './virtual-card/card-memory.js';
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';

/**
 * The cards, the capture bin and the state file (`stateFile`: where the mechanism keeps the card's
 * place, the capture bin and a jam across a restart, written before it answers a move; absent: it
 * forgets them; a state remembered there wins over `captureBin.count`), and the chip's contacts.
 */
export interface CardMechanismOptions extends CardMechanismContentsOptions {
  readonly contacts: CardContacts;
  /** motor travel time for draw-in, eject and retract (default 0) */
  readonly motorMs?: number;
}

export class CardMechanismEmulator implements CardMechanism {
  readonly movesCards = true;
  private fault: CardReaderFault | null = null;
  /** the virtual cards opened; one whose file does not read kept as the reader's fault */
  private readonly cardFile: CardFileFault;
  /** the card's place, the capture bin and a jam, kept in the state file (`card-mechanism-contents.ts`) */
  private readonly held: CardMechanismContents;
  private readonly listeners = new Set<(event: CardEvent) => void>();
  private readonly faultListeners = new Set<(fault: CardReaderFault | null) => void>();

  constructor(private readonly options: CardMechanismOptions) {
    this.cardFile = new CardFileFault(options.cards, () => {
      for (const listener of this.faultListeners) listener(this.fault);
    });
    // the remembered card back where it was (on the contacts at `restore`), the bin as it was
    this.held = new CardMechanismContents(options);
    // a jam outlives the restart as in a real mechanism: still there until staff free it
    if (this.held.jam) this.fault = 'ejectJam';
  }

  /**
   * Puts a remembered card that is inside the reader back on the contacts (the chip link is up
   * again after a restart); nothing for a fresh reader or a card at the slot.
   */
  async restore(): Promise<void> {
    if (this.held.position !== 'inReader' || this.held.cardId === null) return;
    let card: SocialSecurityCardEmulator | undefined;
    try {
      card = this.cardFile.open(this.held.cardId);
    } catch (e) {
      // a card whose file does not read stays inside, off the contacts (a chip that does not answer)
      if (!(e instanceof UnreadableCardFile)) throw e;
    }
    if (card && this.fault !== 'upsideDown') await this.options.contacts.attach(card);
  }

  cardFileFault(): KioskError | undefined {
    return this.cardFile.current();
  }

  /** Staff test: a card file that did not read read again; once it reads, its card inside goes on the contacts. */
  async recheckCardFile(): Promise<void> {
    const read = this.cardFile.recheck();
    const inside = read && this.held.position === 'inReader' && this.held.cardId === read.cardId;
    if (inside && read.card && this.fault !== 'upsideDown') await this.options.contacts.attach(read.card);
  }

  position(): CardPosition {
    return this.held.position;
  }

  currentFault(): CardReaderFault | null {
    return this.fault;
  }

  jammedOn(): 'eject' | 'retract' | undefined {
    const jam = this.held.jam;
    return jam === 'set' ? undefined : jam;
  }

  onEvent(listener: (event: CardEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFault(listener: (fault: CardReaderFault | null) => void): Unsubscribe {
    this.faultListeners.add(listener);
    return () => this.faultListeners.delete(listener);
  }

  captureBin(): SupplyStatus {
    return this.held.captureBin();
  }

  // ------------------------------------------------------------------ control surface

  /** The resident pushes a card into the slot; the motor draws it onto the contacts. */
  async insertCard(cardId: string): Promise<void> {
    this.refuseWhenOffline();
    if (this.held.position !== 'none') {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'A card is already in the reader.');
    }
    if (this.held.captured.includes(cardId)) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'That card is in the capture bin.', { cardId });
    }
    const card = this.cardFile.open(cardId);
    if (!card) throw new KioskError(ErrorCode.CARD_UNREADABLE, 'There is no such virtual card.', { cardId });
    this.held.moveTo({ position: 'inReader', cardId });
    await motorTravel(this.options.motorMs ?? 0);
    if (this.fault !== 'upsideDown') await this.options.contacts.attach(card);
    this.emit({ type: 'inserted' });
  }

  /** The resident pulls the card out while the reader holds it (or takes it from the slot). */
  async pullCard(): Promise<void> {
    if (this.held.position === 'atSlot') return this.takeCard();
    if (this.held.position !== 'inReader') {
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to pull.');
    }
    this.held.moveTo({ position: 'none', cardId: null });
    await this.options.contacts.detach();
    this.emit({ type: 'removed' });
  }

  /** The resident takes the ejected card from the slot. */
  async takeCard(): Promise<void> {
    if (this.held.position !== 'atSlot') {
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card at the slot.');
    }
    this.held.moveTo({ position: 'none', cardId: null });
    this.emit({ type: 'taken' });
  }

  setFault(fault: CardReaderFault | null): void {
    // a word the reader does not know would be listed as set while nothing happens
    if (fault !== null && !CARD_READER_FAULTS.includes(fault)) {
      throw new KioskError(ErrorCode.INTERNAL, 'This device has no such emulated fault.', {
        fault: String(fault),
      });
    }
    // the jam kept in the state file (set, or kept as the move it stopped); any other fault or
    // none (staff freed the mechanism) clears it there
    const jam = fault === 'ejectJam' ? (this.held.jam ?? 'set') : undefined;
    if (jam !== this.held.jam) this.held.moveTo({ jam });
    this.fault = fault;
    const contactFaults: readonly string[] = ['mute', 'upsideDown', 'transmitTimeout'];
    this.options.contacts.setMode(fault && contactFaults.includes(fault) ? (fault as ContactMode) : 'normal');
    for (const listener of this.faultListeners) listener(fault);
  }

  /** Field staff empty the capture bin: its cards go back to the demo panel. */
  emptyCaptureBin(): number {
    const emptied = this.held.binCountNow;
    this.held.moveTo({ captured: [], captureBinCount: 0 });
    return emptied;
  }

  listCards(): EmulatedCardLine[] {
    return this.options.cards.list().map(({ cardId, label, cardNumber }) => ({
      cardId,
      label,
      ...(cardNumber !== undefined ? { cardNumber } : {}),
      location: this.held.locationOf(cardId),
    }));
  }

  // ------------------------------------------------------------------ motor commands

  async eject(signal?: AbortSignal): Promise<void> {
    this.refuseWhenOffline();
    if (this.held.position === 'atSlot') return;
    if (this.held.position === 'none')
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to eject.');
    if (this.fault === 'ejectJam') throw this.jammed('eject');
    await this.options.contacts.detach();
    await motorTravel(this.options.motorMs ?? 0, signal);
    this.held.moveTo({ position: 'atSlot' });
    this.emit({ type: 'ejected' });
  }

  async retract(signal?: AbortSignal): Promise<void> {
    this.refuseWhenOffline();
    if (this.held.position === 'none')
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to retract.');
    if (this.held.binFull) {
      throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The capture bin is full; field staff must empty it.');
    }
    // the motor cannot draw a jammed card back either: it stays inside, on the contacts
    if (this.fault === 'ejectJam') throw this.jammed('retract');
    await this.options.contacts.detach();
    await motorTravel(this.options.motorMs ?? 0, signal);
    const inside = this.held.cardId;
    const captured = this.held.captured;
    this.held.moveTo({
      position: 'none',
      cardId: null,
      captured: inside ? [...captured, inside] : [...captured],
      captureBinCount: this.held.binCountNow + 1,
    });
    this.emit({ type: 'retracted' });
  }

  async close(): Promise<void> {
    await this.options.contacts.close();
    this.listeners.clear();
    this.faultListeners.clear();
  }

  private refuseWhenOffline(): void {
    if (this.fault === 'offline') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is offline.');
    }
  }

  /** The jam met by `move`: kept (the card stuck inside), answered CARD_READER_JAM. */
  private jammed(move: 'eject' | 'retract') {
    this.held.moveTo({ jam: move });
    return cardJammed(move);
  }

  private emit(event: CardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
