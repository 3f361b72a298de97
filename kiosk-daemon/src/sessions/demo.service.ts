import { Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EMULATED_ID_CARDS, type PinPadKey } from '@kiosk/device-drivers';
import {
  ErrorCode,
  KioskError,
  maskName,
  type DemoLooks,
  type DemoState,
  type DeviceKind,
} from '@kiosk/domain';
import { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { demoCardLine } from './demo-card-line.js';
import { awaitLooks } from './demo-looks.js';
import { watchDemoCardStates } from './demo-card-states-watch.js';
import { DemoImages } from './demo-images.js';
import { SessionsService } from './sessions.service.js';

/**
 * The emulators' control surface behind the demo panel (demo profile only; the gateway refuses
 * these messages elsewhere). Digits typed on the on-screen pad go straight into the PIN pad
 * emulator and are never kept here. The receipt and card face previews go by address only: the
 * panel loads each image once over HTTP (`demo-images.ts`), not with every state. Every control
 * answers a refusal as a rejected promise with its code, never a synchronous throw.
 */
@Injectable()
export class DemoService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Demo');
  private readonly faults = new Map<DeviceKind, string>();
  private idCardOnReader: string | null = null;
  private faceScore: number | undefined;
  private lastReceipt: { text: string; pngUrl?: string } | undefined;
  /** the previews' bytes, served by `DemoImagesController` */
  readonly images = new DemoImages();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly devices: DevicesService,
    private readonly sessions: SessionsService,
    private readonly issuance: IssuanceHostService,
    // the demo's back office, for the cards' states (a unit spec of the previews may leave it out)
    @Optional() private readonly host?: HostConnection,
  ) {}

  /** Keeps the last receipt the printer emulator cut, for the demo panel's preview. */
  onModuleInit(): void {
    this.cleanups.push(this.issuance.onPendingQr(() => this.sessions.notify('demo')));
    // the card face printed (full name, ID number, photo) and the last receipt (masked name, card
    // number, amounts) are the resident's: they leave the panel with the session, and the next
    // resident never sees them
    this.cleanups.push(this.sessions.onSessionEnded(() => this.forgetResidentPreviews()));
    // a card's state changed at the demo's back office, not by this kiosk: the panel follows it.
    // Only the embedded host's states are read (an external host's cards are listed without one):
    // with an external host the watch would list the cards at boot and every second for nothing.
    if (this.host?.embedded() && this.devices.emulators.cardReader) {
      this.cleanups.push(
        watchDemoCardStates(
          () => this.cardStatesAtHost(),
          () => this.sessions.notify('demo'),
        ),
      );
    }
    const printer = this.devices.emulators.receiptPrinter;
    if (!printer) return;
    const onReceipt = (receipt: { text: string; png(): Buffer }) => {
      let pngUrl: string | undefined;
      try {
        pngUrl = this.images.put('receipt', receipt.png());
      } catch (e) {
        this.log.warn(`receipt preview without image: ${(e as Error).message}`);
      }
      this.lastReceipt = { text: receipt.text, ...(pngUrl ? { pngUrl } : {}) };
      this.sessions.notify('demo');
    };
    printer.on('receipt', onReceipt);
    this.cleanups.push(() => printer.off('receipt', onReceipt));
  }

  private forgetResidentPreviews(): void {
    this.devices.cardMaking.lastFacePng = null;
    this.images.forget('cardFace');
    this.lastReceipt = undefined;
    this.images.forget('receipt');
    this.sessions.notify('demo');
  }

  onModuleDestroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  state(): DemoState {
    const reader = this.devices.emulators.cardReader;
    return {
      cards: reader ? reader.listCards().map((card) => demoCardLine(card, this.stateAtHost(card))) : [],
      faults: [...this.faults].map(([device, fault]) => ({ device, fault })),
      ...this.idReaderState(),
      ...(this.faceScore !== undefined ? { faceScore: this.faceScore } : {}),
      ...this.cashState(),
      ...(this.lastReceipt ? { receipt: this.lastReceipt } : {}),
      ...this.cardPrinterState(),
    };
  }

  /**
   * The card's state as the demo's back office (the embedded host simulator) holds it now, read
   * without a request: the panel follows activations, loss reports and cards made on the spot. An
   * external host is not asked for the panel; its cards are listed without a state.
   */
  private stateAtHost(card: { cardNumber?: string }): string | undefined {
    if (card.cardNumber === undefined) return undefined;
    return this.host?.embedded()?.state.cards.get(card.cardNumber)?.state;
  }

  /** every demo card's state at the host, as one text to compare */
  private cardStatesAtHost(): string {
    const cards = this.devices.emulators.cardReader?.listCards() ?? [];
    return cards.map((card) => `${card.cardId}:${this.stateAtHost(card) ?? ''}`).join(' ');
  }

  private cardPrinterState(): Pick<DemoState, 'newCard' | 'payment'> {
    const printer = this.devices.emulators.cardPrinter;
    const png = this.devices.cardMaking.lastFacePng;
    const face = png ? this.images.put('cardFace', png) : undefined;
    return {
      ...(printer
        ? {
            newCard: {
              atSlot: printer.cardPosition() === 'outputSlot',
              blanks: printer.counts(),
              ...(face ? { facePngUrl: face } : {}),
            },
          }
        : {}),
      payment: { pending: this.issuance.pendingQr !== null },
    };
  }

  /** The resident takes the new card from the card printer's slot; it can go into the card reader. */
  async takeNewCard(): Promise<void> {
    const printer = this.emulator(this.devices.emulators.cardPrinter, 'cardPrinter');
    if (printer.takeCard() === null) {
      throw new KioskError(ErrorCode.CARD_PRINTER_NO_CARD, 'There is no new card at the slot.');
    }
    this.sessions.notify('demo');
  }

  /** The resident scans the fee's QR code and pays (the simulated payment provider). */
  async payQr(): Promise<void> {
    const paymentId = this.issuance.pendingQr;
    if (!paymentId) throw new KioskError(ErrorCode.PAYMENT_NOT_FOUND, 'No payment is waiting.');
    await this.issuance.payDemoQr(paymentId);
    this.sessions.notify('demo');
  }

  private idReaderState(): Pick<DemoState, 'idCards'> {
    const reader = this.devices.emulators.idReader;
    if (!reader) return {};
    const onReader = reader.isCardPresent() ? this.idCardOnReader : null;
    return {
      idCards: reader.cardKeys().map((idCardId) => ({
        idCardId,
        label: `${maskName(EMULATED_ID_CARDS[idCardId]?.name ?? '')} (${idCardId})`,
        location: idCardId === onReader ? 'onReader' : 'outside',
      })),
    };
  }

  private cashState(): Pick<DemoState, 'cash'> {
    const dispenser = this.devices.emulators.cashDispenser;
    if (!dispenser) return {};
    const presenter = dispenser.presenter();
    return { cash: { atSlot: presenter.state === 'presented', amountFen: presenter.amountFen } };
  }

  async idCard(action: 'place' | 'remove', idCardId?: string): Promise<void> {
    const reader = this.emulator(this.devices.emulators.idReader, 'idReader');
    if (action === 'remove') {
      reader.removeCard();
      this.idCardOnReader = null;
    } else {
      if (!idCardId || !reader.cardKeys().includes(idCardId)) {
        throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Say which demo ID card to place.');
      }
      reader.placeCard(idCardId);
      this.idCardOnReader = idCardId;
    }
    this.sessions.notify('demo');
  }

  async face(score: number): Promise<void> {
    this.emulator(this.devices.emulators.camera, 'camera').setNextScore(score);
    this.faceScore = score;
    this.sessions.notify('demo');
  }

  async takeCash(): Promise<void> {
    const dispenser = this.emulator(this.devices.emulators.cashDispenser, 'cashDispenser');
    if (!dispenser.takeCash()) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'There is no cash at the slot to take.');
    }
  }

  async card(action: 'insert' | 'remove' | 'take', cardId?: string): Promise<void> {
    const reader = this.emulator(this.devices.emulators.cardReader, 'cardReader');
    if (action === 'insert') {
      if (!cardId)
        throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Say which demo card to insert.');
      await reader.insertCard(cardId);
    } else if (action === 'remove') {
      await reader.pullCard();
    } else {
      await reader.takeCard();
    }
  }

  async pinPadKey(key: PinPadKey): Promise<void> {
    const pad = this.emulator(this.devices.emulators.pinPad, 'pinPad');
    if (!pad.press(key)) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The PIN pad is not asking for a PIN right now.');
    }
  }

  /** Answers once the driver has looked at the emulated device `more` more times (`demo-looks.ts`). */
  async looks(device: 'idReader' | 'cardPrinter', more: number, withinMs: number): Promise<DemoLooks> {
    return awaitLooks(this.devices.emulators, device, more, withinMs);
  }

  async fault(device: DeviceKind, fault: string | null): Promise<void> {
    const target = (this.devices.emulators as Record<string, { setFault?: (f: never) => void } | undefined>)[
      device
    ];
    if (!target?.setFault) {
      throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'That device has no emulated faults here.', {
        device,
      });
    }
    try {
      target.setFault(fault as never);
    } catch (e) {
      throw new KioskError(
        ErrorCode.GATEWAY_MALFORMED_MESSAGE,
        'That fault is not known to this device.',
        { device },
        { cause: e },
      );
    }
    if (fault) this.faults.set(device, fault);
    else this.faults.delete(device);
    // the panel lists the faults set, with a button to clear each: it must see this one
    this.sessions.notify('demo');
  }

  private emulator<T>(value: T | undefined, kind: DeviceKind): T {
    if (!value)
      throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'That device is not emulated here.', { kind });
    return value;
  }
}
