/**
 * The mechanism of a plain PC/SC reader without a motor (a desk reader, a trial kiosk): the
 * card's position follows what pcscd sees. Ejecting only marks the card as handed back (the
 * resident pulls it out: 'taken'); there is no capture bin, so `retract` is refused.
 *
 * Until pcscd's first status of the reader the position is 'unknown', not 'none': a reader listed
 * late after a restart (after boot recovery looked) may hold the card of a cut-short session. That
 * first status says where the card is ('sensed', never 'inserted': no card moved, so it is no
 * stray card to hand back); from then on the position follows pcscd.
 *
 * Losing the reader (pcscd restarting, its USB link dropping) moves no card: the position is
 * 'unknown' again while it is gone, with no card event (the reader's status says the fault), and
 * the first status when it is back says where the card is against where it was: 'sensed' when
 * nothing moved meanwhile; a card truly put in or pulled out while the reader was gone is told as
 * that move ('inserted'; 'removed', or 'taken' from the slot), as with the reader there.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { CardMechanism, CardReaderFault, EmulatedCardLine } from './card-mechanism.port.js';
import type { CardEvent, CardPosition } from './card-reader.port.js';

export interface CardPresenceSource {
  /** `undefined`: the reader is gone, the card's presence not known until it reports again */
  onPresence(listener: (present: boolean | undefined) => void): Unsubscribe;
}

const noEmulator = () =>
  new KioskError(ErrorCode.DEVICE_HARDWARE_ERROR, 'This is a real card reader: it takes real cards only.');

export class PresenceCardMechanism implements CardMechanism {
  readonly movesCards = false;
  private where: CardPosition = 'unknown';
  /** where the card was when the reader went ('unknown': it had not reported yet) */
  private beforeLoss: CardPosition = 'unknown';
  private readonly listeners = new Set<(event: CardEvent) => void>();
  private readonly off: Unsubscribe;

  constructor(source: CardPresenceSource) {
    this.off = source.onPresence((present) => this.seen(present));
  }

  position(): CardPosition {
    return this.where;
  }

  currentFault(): CardReaderFault | null {
    return null;
  }

  onEvent(listener: (event: CardEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFault(): Unsubscribe {
    return () => undefined;
  }

  captureBin(): undefined {
    return undefined;
  }

  async eject(): Promise<void> {
    if (this.where === 'atSlot') return;
    if (this.where === 'unknown') {
      throw new KioskError(
        ErrorCode.DEVICE_OFFLINE,
        'The card reader has not said yet whether a card is inside.',
      );
    }
    if (this.where === 'none') throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card to eject.');
    this.where = 'atSlot';
    this.emit({ type: 'ejected' });
  }

  async retract(): Promise<void> {
    throw new KioskError(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      'This reader has no capture bin; the card stays with the resident.',
    );
  }

  async close(): Promise<void> {
    this.off();
    this.listeners.clear();
  }

  insertCard(): Promise<void> {
    return Promise.reject(noEmulator());
  }

  pullCard(): Promise<void> {
    return Promise.reject(noEmulator());
  }

  takeCard(): Promise<void> {
    return Promise.reject(noEmulator());
  }

  setFault(): void {
    throw noEmulator();
  }

  listCards(): EmulatedCardLine[] {
    return [];
  }

  emptyCaptureBin(): number {
    return 0;
  }

  private seen(present: boolean | undefined): void {
    if (present === undefined) {
      // the reader went: a device fault, no card moved (the first status back says where it is)
      if (this.where !== 'unknown') this.beforeLoss = this.where;
      this.where = 'unknown';
    } else if (this.where === 'unknown') {
      this.sensed(present);
    } else if (present && this.where === 'none') {
      this.where = 'inReader';
      this.emit({ type: 'inserted' });
    } else if (!present && this.where !== 'none') {
      const handedBack = this.where === 'atSlot';
      this.where = 'none';
      this.emit({ type: handedBack ? 'taken' : 'removed' });
    }
  }

  /** The reader's first status (at the start, or back after it went): where the card is. */
  private sensed(present: boolean): void {
    const before = this.beforeLoss;
    this.beforeLoss = 'unknown';
    const held = before === 'inReader' || before === 'atSlot';
    this.where = present ? (before === 'atSlot' ? 'atSlot' : 'inReader') : 'none';
    if (present && before === 'none') this.emit({ type: 'inserted' });
    else if (!present && held) this.emit({ type: before === 'atSlot' ? 'taken' : 'removed' });
    else this.emit({ type: 'sensed' });
  }

  private emit(event: CardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
