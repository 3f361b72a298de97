/**
 * Plugs a virtual card into a pcscd slot through vsmartcard's vpcd reader driver: vpcd listens
 * on a TCP port per slot (35963 for the first by default) and the card connects to it. Every
 * message carries a 2-byte big-endian length; a 1-byte message is a control (00 power off,
 * 01 power on, 02 reset, 04 give the ATR), anything longer is an APDU to answer. Only GET ATR
 * and APDUs get an answer.
 *
 * The card faults map onto the wire: 'mute' answers GET ATR with one invalid byte, 'upsideDown' never
 * touches the contacts (no connection), 'transmitTimeout' leaves APDUs unanswered.
 */
import { connect, type Socket } from 'node:net';
import type { Unsubscribe } from '../common/device-port.js';
import type { CardContacts, ContactMode } from './chip-link.js';
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';

export const VPCD_DEFAULT_PORT = 35963;
export const VPCD_CONTROL = { POWER_OFF: 0x00, POWER_ON: 0x01, RESET: 0x02, GET_ATR: 0x04 } as const;

/** Splits a byte stream into vpcd messages (length-prefixed). */
export class VpcdFramer {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: Buffer[] = [];
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) break;
      out.push(this.buffer.subarray(2, 2 + length));
      this.buffer = this.buffer.subarray(2 + length);
    }
    return out;
  }
}

export function vpcdFrame(payload: Uint8Array): Buffer {
  const header = Buffer.alloc(2);
  header.writeUInt16BE(payload.length);
  return Buffer.concat([header, Buffer.from(payload)]);
}

export interface VpcdCardLinkOptions {
  readonly host?: string;
  readonly port?: number;
  /** how long to keep retrying while vpcd (pcscd) is not listening yet (default 5000 ms) */
  readonly connectTimeoutMs?: number;
}

export class VpcdCardLink implements CardContacts {
  private socket: Socket | null = null;
  private card: SocialSecurityCardEmulator | null = null;
  private mode: ContactMode = 'normal';
  /** bumps on every attach/detach so an old dial loop stops */
  private generation = 0;
  private retry: NodeJS.Timeout | undefined;
  private readonly commandListeners = new Set<(command: Buffer) => void>();
  private readonly poweredUpListeners = new Set<() => void>();
  /** pcscd powered the card up (or reset it) and has not asked its ATR since */
  private poweringUp = false;

  constructor(private readonly options: VpcdCardLinkOptions = {}) {}

  /**
   * The card is on the contacts: connect to vpcd and stay connected (re-dialling when pcscd
   * restarts) until `detach`. Resolves once connected or after `connectTimeoutMs`; never throws,
   * as a card in the reader is a physical fact even when pcscd is down.
   */
  async attach(card: SocialSecurityCardEmulator): Promise<void> {
    await this.detach();
    this.card = card;
    if (this.mode === 'upsideDown') return;
    const generation = ++this.generation;
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(resolve, this.options.connectTimeoutMs ?? 5000);
      giveUp.unref();
      this.dial(generation, () => {
        clearTimeout(giveUp);
        resolve();
      });
    });
  }

  async detach(): Promise<void> {
    this.generation += 1;
    clearTimeout(this.retry);
    this.card?.powerOff();
    this.card = null;
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
    });
  }

  setMode(mode: ContactMode): void {
    this.mode = mode;
  }

  /** Called when an APDU reaches the card (tests wait on it instead of sleeping). */
  onCommand(listener: (command: Buffer) => void): Unsubscribe {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  /**
   * Called once pcscd powered the card up (or reset it) and the card's ATR is on its way: nothing
   * more is asked of the card before pcscd says it is there (tests wait on it instead of sleeping).
   * vpcd asks the ATR at each presence poll too; those are not told.
   */
  onPoweredUp(listener: () => void): Unsubscribe {
    this.poweredUpListeners.add(listener);
    return () => this.poweredUpListeners.delete(listener);
  }

  /** True while the card holds a connection to vpcd. */
  get connected(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  async close(): Promise<void> {
    await this.detach();
  }

  /** The card's side of one vpcd message; undefined when no answer is due. */
  private answer(message: Buffer): Buffer | undefined {
    const card = this.card;
    if (!card) return undefined;
    if (message.length === 1) {
      switch (message[0]) {
        case VPCD_CONTROL.POWER_OFF:
          card.powerOff();
          return undefined;
        case VPCD_CONTROL.POWER_ON:
        case VPCD_CONTROL.RESET:
          card.powerOn();
          this.poweringUp = true;
          return undefined;
        case VPCD_CONTROL.GET_ATR:
          // vpcd takes an empty ATR for a removed card and drops the connection, so a mute card
          // answers one invalid byte (TS 00): pcscd powers it but can negotiate no protocol.
          return this.mode === 'mute' ? Buffer.from([0x00]) : card.atr();
        default:
          return undefined;
      }
    }
    for (const listener of this.commandListeners) listener(message);
    if (this.mode === 'transmitTimeout' || this.mode === 'mute') return undefined;
    return card.transmit(message);
  }

  private dial(generation: number, onConnected: () => void): void {
    if (generation !== this.generation) return;
    const socket = connect({
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port ?? VPCD_DEFAULT_PORT,
      noDelay: true,
    });
    const again = () => {
      if (generation !== this.generation) return;
      this.retry = setTimeout(() => this.dial(generation, onConnected), 100);
      this.retry.unref();
    };
    socket.once('error', () => socket.destroy());
    socket.once('close', () => {
      if (this.socket === socket) this.socket = null;
      again();
    });
    socket.once('connect', () => {
      if (generation !== this.generation) return void socket.destroy();
      this.socket = socket;
      this.poweringUp = false;
      const framer = new VpcdFramer();
      socket.on('data', (chunk: Buffer) => {
        for (const message of framer.push(chunk)) {
          const answer = this.answer(message);
          if (answer && !socket.destroyed) socket.write(vpcdFrame(answer));
          if (answer && this.poweringUp && message.length === 1 && message[0] === VPCD_CONTROL.GET_ATR) {
            this.poweringUp = false;
            for (const listener of this.poweredUpListeners) listener();
          }
        }
      });
      onConnected();
    });
  }
}
