/**
 * The mechanics of the emulated instant-issuance printer, apart from any bytes: hopper, chip
 * station, print station, output bezel, reject box, ribbon, cover, head, and the faults field
 * staff train on. Every blank is counted: loaded = in hopper + inside + issued + rejected.
 * The chip station plugs the blank's virtual chip into the contacts (the in-process link or the
 * second vpcd slot), so the kiosk personalises it over the same APDU layer as any card.
 */
import { CARD_PRINTER_FAULTS } from '@kiosk/domain';
import type { CardContacts } from '../card-reader/chip-link.js';
import { UnreadableCardFile } from '../card-reader/virtual-card/card-memory.js';
import { blankCardMemory, type VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { type JamPosition, PrinterError } from './card-printer.protocol.js';
import type { PrinterCardPosition } from './card-printer.port.js';

/** The faults field staff train on: the list the demo panel offers too (domain's). */
export type CardPrinterFault = (typeof CARD_PRINTER_FAULTS)[number];
export { CARD_PRINTER_FAULTS };

const JAM_OF: Readonly<Partial<Record<CardPrinterFault, JamPosition>>> = {
  jamAtFeed: 'feed',
  jamAtChipStation: 'chipStation',
  jamAtPrintStation: 'printStation',
  jamAtOutput: 'output',
};

export interface ChipStationWiring {
  /** where blanks' chips live (the same store the customer card reader reads) */
  readonly cards: VirtualCards;
  /** the chip station's contacts */
  readonly contacts: CardContacts;
}

export interface CardPrinterMechanicsOptions {
  readonly hopper?: number;
  readonly ribbon?: number;
  readonly rejectBinCapacity?: number;
  readonly chipStation?: ChipStationWiring;
  /** prefix of the blanks' card ids; unique per printer */
  readonly blankPrefix?: string;
}

/** A refusal of the mechanics: the error word of the reply and its detail. */
export class MechanicsRefusal extends Error {
  constructor(
    readonly word: PrinterError,
    readonly detail?: string,
  ) {
    super(word);
  }
}

export interface BlankCounts {
  readonly loaded: number;
  readonly inHopper: number;
  readonly inPrinter: number;
  readonly issued: number;
  readonly rejected: number;
  /** of the rejected, how many after a jam */
  readonly jammed: number;
}

/** What the printer remembers across a power cut: stock, counters and where the card is. */
export interface MechanicsState {
  readonly format: 1;
  readonly hopper: number;
  readonly loaded: number;
  readonly ribbon: number;
  readonly rejectBin: number;
  readonly issued: number;
  readonly rejected: number;
  readonly jammed: number;
  readonly position: PrinterCardPosition;
  readonly cardId: string | null;
  readonly jamAt: JamPosition | null;
  readonly serial: number;
  readonly prefix: string;
}

export class CardPrinterMechanics {
  hopper: number;
  loaded: number;
  ribbon: number;
  rejectBin = 0;
  readonly rejectBinCapacity: number;
  issued = 0;
  rejected = 0;
  jammed = 0;
  position: PrinterCardPosition = 'none';
  /** the card id of the blank inside (or at the bezel) */
  cardId: string | null = null;
  jamAt: JamPosition | null = null;
  readonly faults = new Set<CardPrinterFault>();
  /**
   * the chip file of the blank at the chip station does not read (torn by a power cut while the
   * station wrote it): its chip does not answer there, as a blank with no contact, and the kiosk
   * rejects it as any blank whose chip fails; the file is left as it is, for the field engineer
   */
  unreadableBlank: UnreadableCardFile | undefined;
  private serial = 0;
  private prefix: string;

  constructor(private readonly options: CardPrinterMechanicsOptions = {}) {
    this.hopper = options.hopper ?? 100;
    this.loaded = this.hopper;
    this.ribbon = options.ribbon ?? 250;
    this.rejectBinCapacity = options.rejectBinCapacity ?? 20;
    this.prefix = options.blankPrefix ?? `blank-${Date.now().toString(36)}`;
  }

  snapshot(): MechanicsState {
    return {
      format: 1,
      hopper: this.hopper,
      loaded: this.loaded,
      ribbon: this.ribbon,
      rejectBin: this.rejectBin,
      issued: this.issued,
      rejected: this.rejected,
      jammed: this.jammed,
      position: this.position,
      cardId: this.cardId,
      jamAt: this.jamAt,
      serial: this.serial,
      prefix: this.prefix,
    };
  }

  /** Back to a remembered state; a card that was on the chip station is on its contacts again. */
  async restore(state: MechanicsState): Promise<void> {
    this.hopper = state.hopper;
    this.loaded = state.loaded;
    this.ribbon = state.ribbon;
    this.rejectBin = state.rejectBin;
    this.issued = state.issued;
    this.rejected = state.rejected;
    this.jammed = state.jammed;
    this.position = state.position;
    this.cardId = state.cardId;
    this.jamAt = state.jamAt;
    this.serial = state.serial;
    this.prefix = state.prefix;
    if (this.position === 'chipStation') await this.attachChip();
  }

  counts(): BlankCounts {
    const inPrinter = this.position === 'none' ? 0 : 1;
    return {
      loaded: this.loaded,
      inHopper: this.hopper,
      inPrinter,
      issued: this.issued,
      rejected: this.rejected,
      jammed: this.jammed,
    };
  }

  /** Refusals every movement shares: offline, cover, a jam not cleared. */
  private ready(): void {
    if (this.faults.has('offline')) throw new MechanicsRefusal(PrinterError.OFFLINE);
    if (this.faults.has('coverOpen')) throw new MechanicsRefusal(PrinterError.COVER_OPEN);
    if (this.position === 'jammed') throw new MechanicsRefusal(PrinterError.MECHANICAL, this.jamAt ?? '');
  }

  /** A jam fault armed for this position fires now: the card stays stuck where it is. */
  private jamIf(at: JamPosition): void {
    const fault = (Object.keys(JAM_OF) as CardPrinterFault[]).find((f) => JAM_OF[f] === at);
    if (!fault || !this.faults.has(fault)) return;
    this.faults.delete(fault);
    this.jamAt = at;
    this.position = 'jammed';
    throw new MechanicsRefusal(PrinterError.MECHANICAL, at);
  }

  /** `Sis`: a blank from the hopper to the chip station, its chip on the contacts. */
  async feedToChipStation(): Promise<void> {
    this.ready();
    if (this.position !== 'none') throw new MechanicsRefusal(PrinterError.CARD_INSIDE);
    if (this.hopper <= 0) throw new MechanicsRefusal(PrinterError.FEEDER_EMPTY);
    this.hopper -= 1;
    this.serial += 1;
    this.cardId = `${this.prefix}-${this.serial}`;
    this.position = 'printStation';
    this.jamIf('feed');
    this.position = 'chipStation';
    this.jamIf('chipStation');
    await this.attachChip();
  }

  /** `Se` of a print sequence: the card moves to the print head and the panels go down. */
  async print(): Promise<void> {
    this.ready();
    if (this.position !== 'chipStation' && this.position !== 'printStation') {
      throw new MechanicsRefusal(PrinterError.NO_CARD);
    }
    if (this.ribbon <= 0) throw new MechanicsRefusal(PrinterError.RIBBON_ENDED);
    if (this.faults.has('printHeadError')) throw new MechanicsRefusal(PrinterError.HEAD_TEMP);
    await this.detachChip();
    this.position = 'printStation';
    this.jamIf('printStation');
    this.ribbon -= 1;
  }

  /** `Sob`: present the card at the output bezel. */
  async present(): Promise<void> {
    this.ready();
    if (this.position !== 'chipStation' && this.position !== 'printStation') {
      throw new MechanicsRefusal(PrinterError.NO_CARD);
    }
    await this.detachChip();
    this.jamIf('output');
    this.position = 'outputSlot';
  }

  /** `Ser`: the card, wherever it is (the bezel included), into the reject box. */
  async reject(): Promise<void> {
    this.ready();
    if (this.position === 'none') throw new MechanicsRefusal(PrinterError.NO_CARD);
    if (this.rejectBin >= this.rejectBinCapacity) throw new MechanicsRefusal(PrinterError.REJECT_BOX_FULL);
    await this.detachChip();
    this.position = 'none';
    this.cardId = null;
    this.rejectBin += 1;
    this.rejected += 1;
  }

  /** The resident takes the card at the bezel; its card id (to insert it in the reader), or null. */
  take(): string | null {
    if (this.position !== 'outputSlot') return null;
    const id = this.cardId;
    this.position = 'none';
    this.cardId = null;
    this.issued += 1;
    return id;
  }

  /** Field staff clear a jam: the stuck card goes to the reject box (counted as jammed). */
  async clearJam(): Promise<void> {
    if (this.position !== 'jammed') return;
    await this.detachChip();
    this.position = 'none';
    this.cardId = null;
    this.jamAt = null;
    this.rejectBin += 1;
    this.rejected += 1;
    this.jammed += 1;
  }

  setFault(fault: CardPrinterFault): void {
    if (fault === 'hopperEmpty') {
      this.loaded -= this.hopper;
      this.hopper = 0;
    } else if (fault === 'ribbonOut') this.ribbon = 0;
    else if (fault === 'rejectBinFull') this.rejectBin = this.rejectBinCapacity;
    else this.faults.add(fault);
  }

  private async attachChip(): Promise<void> {
    const wiring = this.options.chipStation;
    if (!wiring || !this.cardId) return;
    wiring.cards.add(blankCardMemory(this.cardId, undefined, wiring.cards.pinTryLimit));
    let chip;
    try {
      chip = wiring.cards.open(this.cardId);
    } catch (e) {
      if (!(e instanceof UnreadableCardFile)) throw e;
      this.unreadableBlank = e;
      return;
    }
    // a blank that does not touch the contacts: this one only (a bent card, dirt on the pads)
    wiring.contacts.setMode(this.faults.delete('chipNoContact') ? 'upsideDown' : 'normal');
    if (chip) await wiring.contacts.attach(chip);
  }

  private async detachChip(): Promise<void> {
    this.unreadableBlank = undefined;
    await this.options.chipStation?.contacts.detach();
  }
}
