/**
 * A card reader whose driver is chosen when it opens (`createCardReader` rules), for callers
 * that construct their devices synchronously (the daemon's DevicesService). Listeners added
 * before `open` are carried over to the chosen reader; until then it reports 'noDevice', the
 * card's position 'unknown' (no reader has said), and refuses commands with DEVICE_OFFLINE.
 */
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import { type DeviceStatus, ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { SecurePin } from '../common/secure-pin.js';
import type { CardReaderFault, EmulatedCardLine } from './card-mechanism.port.js';
import type {
  CardEvent,
  CardPosition,
  CardReaderPort,
  CardTransaction,
  PinVerification,
  SocialSecurityCardData,
} from './card-reader.port.js';
import {
  type CardReaderConfig,
  type CardReaderDependencies,
  type ControllableCardReader,
  createCardReader,
} from './create-card-reader.js';

export class AutoCardReader implements CardReaderPort {
  readonly kind = 'cardReader' as const;
  private chosen: ControllableCardReader | undefined;
  private readonly statusListeners = new Set<(status: DeviceStatus) => void>();
  private readonly cardListeners = new Set<(event: CardEvent) => void>();
  private readonly detach: Unsubscribe[] = [];

  constructor(
    private readonly config: CardReaderConfig,
    private readonly dependencies: CardReaderDependencies = {},
  ) {}

  /** The reader chosen at `open`, with its control surface (undefined before). */
  get reader(): ControllableCardReader | undefined {
    return this.chosen;
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.chosen) return;
    const reader = await createCardReader(this.config, this.dependencies);
    this.chosen = reader;
    this.detach.push(
      reader.onStatus((s) => this.statusListeners.forEach((l) => l(s))),
      reader.onCardEvent((e) => this.cardListeners.forEach((l) => l(e))),
    );
    await reader.open(signal);
    const now = reader.status();
    this.statusListeners.forEach((l) => l(now));
  }

  async close(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await this.chosen?.close();
  }

  status(): DeviceStatus {
    return (
      this.chosen?.status() ?? {
        kind: 'cardReader',
        device: 'noDevice',
        supplies: [],
        driver: 'auto',
        updatedAt: new Date().toISOString(),
      }
    );
  }

  /** Field staff clearing a fault: the chosen reader's own checks (a jam it no longer has). */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    return this.chosen ? this.chosen.selfTest(signal) : this.status();
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
    return this.chosen?.cardPosition() ?? 'unknown';
  }

  canCapture(): boolean {
    return this.chosen?.canCapture() ?? false;
  }

  async readCard(signal?: AbortSignal): Promise<SocialSecurityCardData> {
    return this.use().readCard(signal);
  }

  async verifyPin(pin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.use().verifyPin(pin, signal);
  }

  async changePin(oldPin: SecurePin, newPin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.use().changePin(oldPin, newPin, signal);
  }

  async resetPin(cardKey: Uint8Array, newPin: SecurePin, signal?: AbortSignal): Promise<void> {
    return this.use().resetPin(cardKey, newPin, signal);
  }

  async logTransaction(entry: CardTransaction, signal?: AbortSignal): Promise<void> {
    return this.use().logTransaction(entry, signal);
  }

  async readTransactions(signal?: AbortSignal): Promise<CardTransaction[]> {
    return this.use().readTransactions(signal);
  }

  async markRecordsPrinted(signal?: AbortSignal): Promise<void> {
    return this.use().markRecordsPrinted(signal);
  }

  async eject(signal?: AbortSignal): Promise<void> {
    return this.use().eject(signal);
  }

  async retract(signal?: AbortSignal): Promise<void> {
    return this.use().retract(signal);
  }

  // control surface of the chosen reader's mechanism (demo panel, tests)

  async insertCard(cardId: string): Promise<void> {
    return this.use().insertCard(cardId);
  }

  async pullCard(): Promise<void> {
    return this.use().pullCard();
  }

  async takeCard(): Promise<void> {
    return this.use().takeCard();
  }

  setFault(fault: CardReaderFault | null): void {
    this.use().setFault(fault);
  }

  listCards(): EmulatedCardLine[] {
    return this.chosen?.listCards() ?? [];
  }

  emptyCaptureBin(): number {
    return this.use().emptyCaptureBin();
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return this.chosen?.replenishableSupplies() ?? [];
  }

  refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    return this.use().refillSupply(supply, added);
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return this.use().emptySupplyBin(supply);
  }

  private use(): ControllableCardReader {
    if (!this.chosen) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is not open yet.');
    return this.chosen;
  }
}
