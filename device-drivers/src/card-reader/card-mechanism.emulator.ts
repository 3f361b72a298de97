/**
 * The motorised mechanism of a kiosk card reader, emulated: the shutter and motor that draw a
 * card in and put it on the chip contacts, eject it to the slot or retract it into the capture
 * bin. Its control surface (insert, pull, take, faults) is what tests and the demo panel use.
 * The chip is never touched here: the card goes onto `CardContacts` (in-process or vpcd).
 */
import { binLevel, ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
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
import type { CardJam, CardMechanismState, CardReaderStateFile } from './card-reader-state-file.js';
import { motorTravel } from './deadline.js';
import { CardFileFault } from './card-file-fault.js';
import { UnreadableCardFile } from './virtual-card/card-memory.js';
import type { VirtualCards } from './virtual-card/demo-cards.js';
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';

export interface CardMechanismOptions {
  readonly cards: VirtualCards;
  readonly contacts: CardContacts;
  /** motor travel time for draw-in, eject and retract (default 0) */
  readonly motorMs?: number;
  readonly captureBin?: { readonly count?: number; readonly capacity?: number; readonly threshold?: number };
  /**
   * where the mechanism keeps the card's place, the capture bin and a jam across a restart, written
   * before it answers a move (`cardReaderStateFile`); absent: it forgets them. A state remembered
   * there wins over `captureBin.count`.
   */
  readonly stateFile?: CardReaderStateFile;
}

export class CardMechanismEmulator implements CardMechanism {
  readonly movesCards = true;
  private positionNow: CardPosition = 'none';
  private cardInside: string | null = null;
  private readonly captured: string[] = [];
  private fault: CardReaderFault | null = null;
  /** the `ejectJam` fault as the state file keeps it: set, or the move it stopped */
  private jam: CardJam | undefined;
  /** the virtual cards opened; one whose file does not read kept as the reader's fault */
  private readonly cardFile: CardFileFault;
  private binCount: number;
  private readonly binCapacity: number;
  private readonly binThreshold: number;
  private readonly listeners = new Set<(event: CardEvent) => void>();
  private readonly faultListeners = new Set<(fault: CardReaderFault | null) => void>();

  constructor(private readonly options: CardMechanismOptions) {
    this.binCount = options.captureBin?.count ?? 0;
    this.binCapacity = options.captureBin?.capacity ?? 50;
    this.binThreshold = options.captureBin?.threshold ?? Math.max(1, Math.floor(this.binCapacity * 0.9));
    this.cardFile = new CardFileFault(options.cards, () => {
      for (const listener of this.faultListeners) listener(this.fault);
    });
    const remembered = options.stateFile?.remembered;
    if (remembered) this.remember(remembered, options.stateFile!.path);
  }

  /** The remembered card back where it was (on the contacts at `open`), the bin as it was. */
  private remember(state: CardMechanismState, path: string): void {
    const unknown = [state.cardId, ...state.captured].find(
      (id) => id !== null && !this.options.cards.has(id),
    );
    if (unknown !== undefined) {
      throw new KioskError(
        ErrorCode.DEVICE_HARDWARE_ERROR,
        `The emulated card reader's state file ${path} names a card that is no virtual card here (${unknown}); remove the file to start with an empty reader.`,
        { file: path, cardId: unknown },
      );
    }
    this.apply(state);
    // a jam outlives the restart as in a real mechanism: still there until staff free it
    if (state.jam) this.fault = 'ejectJam';
  }

  private apply(state: CardMechanismState): void {
    this.positionNow = state.position;
    this.cardInside = state.cardId;
    this.captured.splice(0, this.captured.length, ...state.captured);
    this.binCount = state.captureBinCount;
    this.jam = state.jam;
  }

  /**
   * Puts a remembered card that is inside the reader back on the contacts (the chip link is up
   * again after a restart); nothing for a fresh reader or a card at the slot.
   */
  async restore(): Promise<void> {
    if (this.positionNow !== 'inReader' || this.cardInside === null) return;
    let card: SocialSecurityCardEmulator | undefined;
    try {
      card = this.cardFile.open(this.cardInside);
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
    const inside = read && this.positionNow === 'inReader' && this.cardInside === read.cardId;
    if (inside && read.card && this.fault !== 'upsideDown') await this.options.contacts.attach(read.card);
  }

  private state(): CardMechanismState {
    return {
      format: 1,
      position: this.positionNow,
      cardId: this.cardInside,
      captured: [...this.captured],
      captureBinCount: this.binCount,
      ...(this.jam ? { jam: this.jam } : {}),
    };
  }

  /**
   * The card moved (or the bin emptied): kept in the state file first, when there is one, then
   * taken as the mechanism's state; a file that cannot be written fails the move with a coded
   * error naming it, the card where it was.
   */
  private moveTo(change: Partial<Omit<CardMechanismState, 'format'>>): void {
    const { jam, ...next } = { ...this.state(), ...change };
    if (jam) Object.assign(next, { jam });
    this.options.stateFile?.save(next);
    this.apply(next);
  }

  position(): CardPosition {
    return this.positionNow;
  }

  currentFault(): CardReaderFault | null {
    return this.fault;
  }

  jammedOn(): 'eject' | 'retract' | undefined {
    return this.jam === 'set' ? undefined : this.jam;
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
    return {
      name: 'captureBin',
      level: binLevel(this.binCount, this.binCapacity),
      count: this.binCount,
      capacity: this.binCapacity,
      threshold: this.binThreshold,
    };
  }

  // ------------------------------------------------------------------ control surface

  /** The resident pushes a card into the slot; the motor draws it onto the contacts. */
  async insertCard(cardId: string): Promise<void> {
    this.refuseWhenOffline();
    if (this.positionNow !== 'none') {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'A card is already in the reader.');
    }
    if (this.captured.includes(cardId)) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'That card is in the capture bin.', { cardId });
    }
    const card = this.cardFile.open(cardId);
    if (!card) throw new KioskError(ErrorCode.CARD_UNREADABLE, 'There is no such virtual card.', { cardId });
    this.moveTo({ position: 'inReader', cardId });
    await motorTravel(this.options.motorMs ?? 0);
    if (this.fault !== 'upsideDown') await this.options.contacts.attach(card);
    this.emit({ type: 'inserted' });
  }

  /** The resident pulls the card out while the reader holds it (or takes it from the slot). */
  async pullCard(): Promise<void> {
    if (this.positionNow === 'atSlot') return this.takeCard();
    if (this.positionNow !== 'inReader') {
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to pull.');
    }
    this.moveTo({ position: 'none', cardId: null });
    await this.options.contacts.detach();
    this.emit({ type: 'removed' });
  }

  /** The resident takes the ejected card from the slot. */
  async takeCard(): Promise<void> {
    if (this.positionNow !== 'atSlot') {
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card at the slot.');
    }
    this.moveTo({ position: 'none', cardId: null });
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
    const jam = fault === 'ejectJam' ? (this.jam ?? 'set') : undefined;
    if (jam !== this.jam) this.moveTo({ jam });
    this.fault = fault;
    const contactFaults: readonly string[] = ['mute', 'upsideDown', 'transmitTimeout'];
    this.options.contacts.setMode(fault && contactFaults.includes(fault) ? (fault as ContactMode) : 'normal');
    for (const listener of this.faultListeners) listener(fault);
  }

  /** Field staff empty the capture bin: its cards go back to the demo panel. */
  emptyCaptureBin(): number {
    const emptied = this.binCount;
    this.moveTo({ captured: [], captureBinCount: 0 });
    return emptied;
  }

  listCards(): EmulatedCardLine[] {
    return this.options.cards.list().map(({ cardId, label, cardNumber }) => ({
      cardId,
      label,
      ...(cardNumber !== undefined ? { cardNumber } : {}),
      location:
        cardId === this.cardInside
          ? (this.positionNow as 'inReader' | 'atSlot')
          : this.captured.includes(cardId)
            ? 'captured'
            : 'outside',
    }));
  }

  // ------------------------------------------------------------------ motor commands

  async eject(signal?: AbortSignal): Promise<void> {
    this.refuseWhenOffline();
    if (this.positionNow === 'atSlot') return;
    if (this.positionNow === 'none')
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to eject.');
    if (this.fault === 'ejectJam') throw this.jammed('eject');
    await this.options.contacts.detach();
    await motorTravel(this.options.motorMs ?? 0, signal);
    this.moveTo({ position: 'atSlot' });
    this.emit({ type: 'ejected' });
  }

  async retract(signal?: AbortSignal): Promise<void> {
    this.refuseWhenOffline();
    if (this.positionNow === 'none')
      throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to retract.');
    if (this.binCount >= this.binCapacity) {
      throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The capture bin is full; field staff must empty it.');
    }
    // the motor cannot draw a jammed card back either: it stays inside, on the contacts
    if (this.fault === 'ejectJam') throw this.jammed('retract');
    await this.options.contacts.detach();
    await motorTravel(this.options.motorMs ?? 0, signal);
    const inside = this.cardInside;
    this.moveTo({
      position: 'none',
      cardId: null,
      captured: inside ? [...this.captured, inside] : [...this.captured],
      captureBinCount: this.binCount + 1,
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
    this.moveTo({ jam: move });
    return cardJammed(move);
  }

  private emit(event: CardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
