/**
 * A motorised card reader = a card mechanism (motor, slot, capture bin) + a chip link (PC/SC or
 * in-process) + the social-security application on top (`ChipSession`). Implements the port the
 * daemon uses; the PC/SC and emulated readers differ only in the link and the status source.
 */
import {
  countOf,
  replenishableSupply,
  type ReplenishableSupply,
  type ReplenishResult,
} from '../common/supply-replenishment.js';
import { type DeviceState, type DeviceStatus, ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { SecurePin } from '../common/secure-pin.js';
import {
  cardJammed,
  type EmulatedCardLine,
  type CardMechanism,
  type CardReaderFault,
} from './card-mechanism.port.js';
import type {
  CardEvent,
  CardPosition,
  CardReaderPort,
  CardTransaction,
  PinVerification,
  SocialSecurityCardData,
} from './card-reader.port.js';
import { jamFault, readerStateOf, readerStatus, statusChanged } from './card-reader-state.js';
import { onChipGuarded } from './chip-command-guard.js';
import { boundedCardMove, DEFAULT_CARD_MOVE_TIMEOUT_MS, type CardMove } from './card-move.js';
import { IssuerChipSession } from './issuer-chip-session.js';
import { readerLost, untilReader } from './lost-reader-wait.js';
import type { MotorisedCardReaderOptions } from './motorised-card-reader.options.js';

export { DEFAULT_CARD_MOVE_TIMEOUT_MS } from './card-move.js';

export class MotorisedCardReader implements CardReaderPort {
  readonly kind = 'cardReader' as const;
  /** the resident's card is also reached under issuer authentication (PIN reset) */
  protected readonly session: IssuerChipSession;
  protected readonly mechanism: CardMechanism;
  private state: DeviceState = 'noDevice';
  private fault: { code: string; message: string } | undefined;
  /**
   * an eject or a retract failed in the mechanism (or it remembers one from before a restart): the
   * card stuck inside, until staff clear it (`selfTest`); the status then reads `hardwareError`
   * with the fault CARD_READER_JAM
   */
  private jam: { code: string; message: string } | undefined;
  private readonly statusListeners = new Set<(status: DeviceStatus) => void>();
  private readonly cardListeners = new Set<(event: CardEvent) => void>();
  private readonly unsubscribes: Unsubscribe[] = [];
  private last: DeviceStatus;

  constructor(protected readonly options: MotorisedCardReaderOptions) {
    this.mechanism = options.mechanism;
    this.session = new IssuerChipSession(options.chip, options);
    this.last = this.snapshot();
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const chip = this.options.chip;
    if (chip.onState) {
      this.unsubscribes.push(
        chip.onState(() => {
          this.session.reset(); // a new context or reader: power up and select again
          this.refreshState();
        }),
      );
    }
    if (chip.start) await chip.start(this.options.startWaitMs, signal);
    // a card the mechanism remembers inside from before a restart is on the contacts again
    await this.mechanism.restore?.();
    // so is its jam: the reader out of order from its first status, as a real one reports it
    const stuck = this.mechanism.jammedOn?.();
    if (stuck) this.jam = jamFault(cardJammed(stuck));
    // a card pcscd still reports while the mechanism holds none is a leftover of the last run
    if (this.mechanism.movesCards && this.mechanism.position() === 'none') chip.cardLeft?.();
    this.unsubscribes.push(
      this.mechanism.onEvent((event) => {
        if (event.type !== 'inserted') {
          this.session.reset();
          if (this.mechanism.movesCards) this.options.chip.cardLeft?.();
        }
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

  canCapture(): boolean {
    // the mechanism's capture bin: the emulated motorised one has it, the presence one has none
    return this.mechanism.captureBin() !== undefined;
  }

  readCard(signal?: AbortSignal): Promise<SocialSecurityCardData> {
    return this.onChip(() => this.session.readCard(signal), signal);
  }

  verifyPin(pin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.onChip(() => this.session.verifyPin(pin, signal), signal);
  }

  changePin(oldPin: SecurePin, newPin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.onChip(() => this.session.changePin(oldPin, newPin, signal), signal);
  }

  resetPin(cardKey: Uint8Array, newPin: SecurePin, signal?: AbortSignal): Promise<void> {
    return this.onChip(() => this.session.resetPinWithCardKey(cardKey, newPin, signal), signal);
  }

  logTransaction(entry: CardTransaction, signal?: AbortSignal): Promise<void> {
    return this.onChip(() => this.session.logTransaction(entry, signal), signal);
  }

  readTransactions(signal?: AbortSignal): Promise<CardTransaction[]> {
    return this.onChip(() => this.session.readTransactions(signal), signal);
  }

  markRecordsPrinted(signal?: AbortSignal): Promise<void> {
    return this.onChip(() => this.session.markRecordsPrinted(signal), signal);
  }

  /**
   * Waits for the reader's word on the card when it has none (a presence reader lost: pcscd
   * restarting; within `lostReaderWaitMs`), then for the chip command in progress (each has a
   * deadline), then moves the card; the whole within the move's bound (`moveTimeoutMs`).
   */
  eject(signal?: AbortSignal): Promise<void> {
    return this.move('eject', signal);
  }

  private async move(act: CardMove, signal?: AbortSignal): Promise<void> {
    const timeoutMs = this.options.moveTimeoutMs ?? DEFAULT_CARD_MOVE_TIMEOUT_MS;
    const said = () => this.mechanism.position() !== 'unknown';
    const waitMs = this.options.lostReaderWaitMs ?? 0;
    const untilKnown = (bounded: AbortSignal) =>
      untilReader(this, said, { withinMs: waitMs, signal: bounded });
    try {
      await boundedCardMove(act, this.mechanism, this.session, timeoutMs, signal, untilKnown);
    } catch (e) {
      // the card stuck inside: the reader is out of order (no card journey) until staff clear it
      if (e instanceof KioskError && e.code === ErrorCode.CARD_READER_JAM) {
        this.jam = jamFault(e);
        this.refreshState();
      }
      throw e;
    }
  }

  /**
   * Field staff clearing a fault (the maintenance screen): a jam the mechanism no longer has is
   * cleared, then the status is what the reader reports.
   */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    signal?.throwIfAborted();
    if (this.jam && this.mechanism.currentFault() !== 'ejectJam') this.jam = undefined;
    await this.mechanism.recheckCardFile?.();
    this.refreshState();
    return this.status();
  }

  async retract(signal?: AbortSignal): Promise<void> {
    try {
      await this.move('retract', signal);
    } finally {
      this.publish();
    }
  }

  // ------------------------------------------------------------------ control surface (emulated mechanism)

  /** The resident pushes a card into the slot (demo panel, tests). */
  insertCard(cardId: string): Promise<void> {
    return this.mechanism.insertCard(cardId);
  }

  /** The resident pulls the card out while the reader holds it. */
  pullCard(): Promise<void> {
    return this.mechanism.pullCard();
  }

  /** The resident takes the ejected card from the slot. */
  takeCard(): Promise<void> {
    return this.mechanism.takeCard();
  }

  setFault(fault: CardReaderFault | null): void {
    this.mechanism.setFault(fault);
  }

  listCards(): EmulatedCardLine[] {
    return this.mechanism.listCards();
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return this.mechanism.captureBin()
      ? [{ supply: 'captureBin', role: 'bin', unit: 'cards', countedBy: 'device' }]
      : [];
  }

  /** A card reader has no stock: always MAINTENANCE_SUPPLY_UNKNOWN. */
  async refillSupply(supply: string, _added?: number): Promise<ReplenishResult> {
    replenishableSupply('cardReader', this.replenishableSupplies(), supply, 'stock');
    return Promise.reject(new Error('unreachable'));
  }

  async emptySupplyBin(supply: string): Promise<ReplenishResult> {
    replenishableSupply('cardReader', this.replenishableSupplies(), supply, 'bin');
    const before = this.emptyCaptureBin();
    return { supply, before, after: countOf(this.status().supplies, supply) };
  }

  /** Field staff empty the capture bin; answers how many cards were in it. */
  emptyCaptureBin(): number {
    const emptied = this.mechanism.emptyCaptureBin();
    this.publish();
    return emptied;
  }

  private refreshState(): void {
    const { state, fault } = readerStateOf(this.mechanism, this.options.chip, this.jam);
    this.setState(state, fault);
  }

  private setState(state: DeviceState, fault: { code: string; message: string } | undefined): void {
    this.state = state;
    this.fault = fault;
    this.publish();
  }

  private snapshot(): DeviceStatus {
    return readerStatus(this.mechanism, this.state, this.fault, this.options.driver);
  }

  /** Pushes the status to listeners when it changed (device state, fault or supplies). */
  protected publish(): void {
    const [next, last] = [this.snapshot(), this.last];
    this.last = next;
    if (statusChanged(next, last)) for (const listener of this.statusListeners) listener(next);
  }

  /** Guards every chip command: a lost reader waited for (else it starts now), then coded (`chip-command-guard.ts`). */
  private onChip<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const lost = () => readerLost(this.options.chip, this.mechanism);
    const back = untilReader(this, () => !lost(), { withinMs: this.options.lostReaderWaitMs ?? 0, signal });
    const guarded = () => onChipGuarded(this.state, this.mechanism, work);
    return back ? back.then(guarded) : guarded();
  }
}
