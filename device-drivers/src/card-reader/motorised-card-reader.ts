/**
 * A motorised card reader = a card mechanism (motor, slot, capture bin) + a chip link (PC/SC or
 * in-process) + the social-security application on top (`ChipSession`). Implements the port the
 * daemon uses; the PC/SC and emulated readers differ only in the link and the status source.
 */
import { type DeviceState, type DeviceStatus, ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { SecurePin } from '../common/secure-pin.js';
import type { CardMechanismEmulator } from './card-mechanism.emulator.js';
import type {
  CardEvent,
  CardPosition,
  CardReaderPort,
  CardTransaction,
  PinVerification,
  SocialSecurityCardData,
} from './card-reader.port.js';
import type { ChipLink } from './chip-link.js';
import { ChipSession } from './chip-session.js';

export interface MotorisedCardReaderOptions {
  readonly mechanism: CardMechanismEmulator;
  readonly chip: ChipLink;
  /** 'emulator' or 'pcsc', as reported in the status */
  readonly driver: string;
  readonly transmitTimeoutMs?: number;
}

export class MotorisedCardReader implements CardReaderPort {
  readonly kind = 'cardReader' as const;
  protected readonly session: ChipSession;
  protected readonly mechanism: CardMechanismEmulator;
  private state: DeviceState = 'noDevice';
  private fault: { code: string; message: string } | undefined;
  private readonly statusListeners = new Set<(status: DeviceStatus) => void>();
  private readonly cardListeners = new Set<(event: CardEvent) => void>();
  private readonly unsubscribes: Unsubscribe[] = [];
  private last: DeviceStatus;

  constructor(protected readonly options: MotorisedCardReaderOptions) {
    this.mechanism = options.mechanism;
    this.session = new ChipSession(options.chip, { transmitTimeoutMs: options.transmitTimeoutMs });
    this.last = this.snapshot();
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.unsubscribes.push(
      this.mechanism.onEvent((event) => {
        if (event.type !== 'inserted') this.session.reset();
        for (const listener of this.cardListeners) listener(event);
        this.publish();
      }),
      this.mechanism.onFault(() => this.refreshState()),
    );
    this.refreshState();
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await this.options.chip.close();
    await this.mechanism.close();
    this.setState('offline', undefined);
    this.statusListeners.clear();
    this.cardListeners.clear();
  }

  status(): DeviceStatus {
    return this.last;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onCardEvent(listener: (event: CardEvent) => void): Unsubscribe {
    this.cardListeners.add(listener);
    return () => this.cardListeners.delete(listener);
  }

  cardPosition(): CardPosition {
    return this.mechanism.position();
  }

  readCard(signal?: AbortSignal): Promise<SocialSecurityCardData> {
    return this.onChip(() => this.session.readCard(signal));
  }

  verifyPin(pin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.onChip(() => this.session.verifyPin(pin, signal));
  }

  changePin(oldPin: SecurePin, newPin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.onChip(() => this.session.changePin(oldPin, newPin, signal));
  }

  logTransaction(entry: CardTransaction, signal?: AbortSignal): Promise<void> {
    return this.onChip(() => this.session.logTransaction(entry, signal));
  }

  readTransactions(signal?: AbortSignal): Promise<CardTransaction[]> {
    return this.onChip(() => this.session.readTransactions(signal));
  }

  markRecordsPrinted(signal?: AbortSignal): Promise<void> {
    return this.onChip(() => this.session.markRecordsPrinted(signal));
  }

  /** Waits for the chip command in progress (each has a deadline), then moves the card. */
  async eject(signal?: AbortSignal): Promise<void> {
    await this.session.exclusive(() => this.mechanism.eject(signal));
  }

  async retract(signal?: AbortSignal): Promise<void> {
    try {
      await this.session.exclusive(() => this.mechanism.retract(signal));
    } finally {
      this.publish();
    }
  }

  /** The link state changed (PC/SC context lost or back): drivers call this. */
  protected setLinkState(state: DeviceState, fault?: { code: string; message: string }): void {
    this.setState(state, fault);
  }

  protected linkState(): DeviceState {
    return 'online';
  }

  private refreshState(): void {
    if (this.mechanism.currentFault() === 'offline') {
      this.setState('offline', { code: ErrorCode.DEVICE_OFFLINE, message: 'The card reader is offline.' });
    } else {
      this.setState(this.linkState(), undefined);
    }
  }

  private setState(state: DeviceState, fault: { code: string; message: string } | undefined): void {
    this.state = state;
    this.fault = fault;
    this.publish();
  }

  private snapshot(): DeviceStatus {
    return {
      kind: 'cardReader',
      device: this.state,
      supplies: [this.mechanism.captureBin()],
      ...(this.fault ? { fault: this.fault } : {}),
      driver: this.options.driver,
      updatedAt: new Date().toISOString(),
    };
  }

  /** Pushes the status to listeners when it changed (device state, fault or supplies). */
  protected publish(): void {
    const next = this.snapshot();
    const changed =
      next.device !== this.last.device ||
      next.fault?.code !== this.last.fault?.code ||
      JSON.stringify(next.supplies) !== JSON.stringify(this.last.supplies);
    this.last = next;
    if (changed) for (const listener of this.statusListeners) listener(next);
  }

  /** Guards every chip command: the reader must be up and hold a card; errors are coded. */
  private async onChip<T>(work: () => Promise<T>): Promise<T> {
    if (this.state === 'offline' || this.state === 'noDevice') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is offline.');
    }
    const position = this.mechanism.position();
    if (position !== 'inReader') {
      throw new KioskError(
        ErrorCode.CARD_REMOVED,
        position === 'atSlot' ? 'The card is at the slot.' : 'There is no card in the reader.',
      );
    }
    try {
      return await work();
    } catch (e) {
      // The mechanism holds a card yet the contacts find none: it is in the wrong way round.
      if (KioskError.is(e, ErrorCode.CARD_REMOVED) && this.mechanism.position() === 'inReader') {
        throw new KioskError(
          ErrorCode.CARD_UNREADABLE,
          'The chip cannot be reached; insert the card chip first, face up.',
          {},
          { cause: e },
        );
      }
      throw e;
    }
  }
}
