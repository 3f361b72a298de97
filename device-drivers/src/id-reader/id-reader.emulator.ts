/**
 * In-memory resident-ID reader emulator. Control surface: `placeCard(key)` with a key of
 * `EMULATED_ID_CARDS` (the demo residents, 'expired', 'bad-checksum'), `removeCard()`, and
 * faults: 'offline', 'unreadable' (a card the reader cannot read: damaged, or not an ID card).
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { abortableDelay } from '../common/abortable-delay.js';
import { EMULATED_ID_CARDS, emulatedIdCardOf } from './emulated-id-cards.js';
import type { IdCardEvent, IdReaderPort, ResidentIdCard } from './id-reader.port.js';
import { InMemoryEmulator } from '../common/in-memory-emulator.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export const ID_READER_EMULATOR_FAULTS = ['offline', 'unreadable'] as const;
export type IdReaderEmulatorFault = (typeof ID_READER_EMULATOR_FAULTS)[number];

export interface IdReaderEmulatorOptions {
  /** cards by key; defaults to `EMULATED_ID_CARDS` */
  readonly cards?: Readonly<Record<string, ResidentIdCard>>;
  /** how long a read takes; 0 yields to the event loop only */
  readonly readMs?: number;
}

export class IdReaderEmulator extends InMemoryEmulator implements IdReaderPort {
  readonly kind = 'idReader' as const;
  readonly #cards: Readonly<Record<string, ResidentIdCard>>;
  readonly #readMs: number;
  readonly #cardListeners = new Set<(e: IdCardEvent) => void>();
  #fault: IdReaderEmulatorFault | null = null;
  #card: ResidentIdCard | null = null;
  #busy = false;
  /** placements so far, and the one last read */
  #placements = 0;
  #readPlacement: number | null = null;
  /** the ID number of the card last read */
  #readIdNumber: string | null = null;

  constructor(options: IdReaderEmulatorOptions = {}) {
    super();
    this.#cards = options.cards ?? EMULATED_ID_CARDS;
    this.#readMs = options.readMs ?? 0;
  }

  onCardEvent(listener: (event: IdCardEvent) => void): Unsubscribe {
    this.#cardListeners.add(listener);
    return () => this.#cardListeners.delete(listener);
  }

  isCardPresent(): boolean {
    return this.#card !== null;
  }

  async readIdCard(signal?: AbortSignal): Promise<ResidentIdCard> {
    if (!this.opened || this.#fault === 'offline') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader is offline.');
    }
    if (this.#busy) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The ID card reader is already reading.');
    const cancelled = () =>
      new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The ID card read was cancelled.');
    if (signal?.aborted) throw cancelled();
    this.#busy = true;
    try {
      await abortableDelay(this.#readMs, signal, cancelled);
      const card = this.#card;
      if (!card) throw new KioskError(ErrorCode.ID_CARD_ABSENT, 'Place your ID card on the reader.');
      if (this.#fault === 'unreadable') {
        throw new KioskError(
          ErrorCode.ID_CARD_UNREADABLE,
          'The ID card could not be read; place it flat and try again.',
        );
      }
      this.#readPlacement = this.#placements;
      this.#readIdNumber = card.idNumber;
      return { ...card, photo: Uint8Array.from(card.photo) };
    } finally {
      this.#busy = false;
    }
  }

  async sameCardAsRead(idNumber: string, signal?: AbortSignal): Promise<boolean> {
    if (!this.opened || this.#fault === 'offline') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader is offline.');
    }
    if (signal?.aborted) {
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The ID card read was cancelled.');
    }
    return this.#card !== null && this.#readPlacement === this.#placements && this.#readIdNumber === idNumber;
  }

  // ---- control surface -------------------------------------------------------------------

  /** Keys `placeCard` accepts. */
  cardKeys(): string[] {
    return Object.keys(this.#cards);
  }

  /** Puts the card with this key on the reader (a card already there is taken off first). */
  placeCard(key: string): void {
    const card = emulatedIdCardOf(this.#cards, key);
    if (this.#card) this.removeCard();
    this.#card = card;
    this.#placements += 1;
    this.#emit({ type: 'placed' });
  }

  removeCard(): void {
    if (!this.#card) return;
    this.#card = null;
    this.#emit({ type: 'removed' });
  }

  setFault(fault: IdReaderEmulatorFault | null): void {
    if (fault !== null && !ID_READER_EMULATOR_FAULTS.includes(fault)) {
      throw noSuchEmulatedFault(fault);
    }
    this.#fault = fault;
    this.publish();
  }

  #emit(event: IdCardEvent): void {
    for (const listener of this.#cardListeners) listener(event);
  }

  protected makeStatus(): DeviceStatus {
    return this.statusWithoutSupplies({
      offline: this.#fault === 'offline',
      offlineMessage: 'The ID card reader is offline.',
    });
  }
}
