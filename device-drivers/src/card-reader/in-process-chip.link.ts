/**
 * The chip contacts in one process: the reader side (`ChipLink`) and the card side
 * (`CardContacts`) of the same object, with no transport in between. What `npm start` uses on
 * a machine without pcscd.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { CardContacts, ChipLink, ContactMode } from './chip-link.js';
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';
import { abortable } from './deadline.js';

const removed = () =>
  new KioskError(ErrorCode.CARD_REMOVED, 'The card left the reader during the transaction.');

export class InProcessChipLink implements ChipLink, CardContacts {
  private card: SocialSecurityCardEmulator | null = null;
  private powered = false;
  private mode: ContactMode = 'normal';
  /** rejects pending transmits when the card leaves */
  private readonly pending = new Set<(error: Error) => void>();

  async attach(card: SocialSecurityCardEmulator): Promise<void> {
    this.card = card;
    this.powered = false;
  }

  async detach(): Promise<void> {
    this.card?.powerOff();
    this.card = null;
    this.powered = false;
    for (const reject of this.pending) reject(removed());
    this.pending.clear();
  }

  setMode(mode: ContactMode): void {
    this.mode = mode;
  }

  async connect(signal?: AbortSignal): Promise<Buffer> {
    signal?.throwIfAborted();
    if (!this.card) throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card in the reader.');
    if (this.mode === 'mute') {
      throw new KioskError(ErrorCode.CARD_MUTE, 'The card does not answer; it may be damaged.');
    }
    if (this.mode === 'upsideDown') {
      throw new KioskError(
        ErrorCode.CARD_UNREADABLE,
        'The chip cannot be reached; insert the card chip first, face up.',
      );
    }
    const atr = this.card.powerOn();
    this.powered = true;
    return atr;
  }

  transmit(command: Buffer, signal?: AbortSignal): Promise<Buffer> {
    const card = this.card;
    if (!card) return Promise.reject(removed());
    if (!this.powered) {
      return Promise.reject(new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card is not powered.'));
    }
    const answer = new Promise<Buffer>((resolve, reject) => {
      this.pending.add(reject);
      const settle = () => this.pending.delete(reject);
      if (this.mode === 'transmitTimeout') return; // the card never answers; the caller times out
      queueMicrotask(() => {
        settle();
        if (this.card !== card) return reject(removed());
        try {
          resolve(card.transmit(command));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    return abortable(answer, signal);
  }

  async disconnect(): Promise<void> {
    this.card?.powerOff();
    this.powered = false;
  }

  async close(): Promise<void> {
    await this.detach();
  }
}
