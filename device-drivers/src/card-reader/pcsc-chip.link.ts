/**
 * The chip reached through the real PC/SC stack: `pcsclite` (npm) → libpcsclite → pcscd → the
 * reader driver (a real reader, or vpcd with a virtual card). Reader discovery, card presence,
 * exclusive connect, transmit; when pcscd dies the context never recovers, so it is dropped and
 * re-established on a timer. `close()` closes every reader (the unused ones too), then the
 * context, within a bound, so the process can exit by itself.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { ChipLink, ChipLinkState } from './chip-link.js';
import { abortable } from './deadline.js';
import { PcscCardPresence } from './pcsc-card-presence.js';
import { closePcscContext, firstSignOf } from './pcsc-context-teardown.js';
import { kioskErrorOfPcsc, PCSC, pcscCodeOf } from './pcsc-status.protocol.js';
import { loadPcsclite, type PcscContext, type PcscLiteFactory, type PcscReader } from './pcsclite.types.js';

export interface PcscChipLinkOptions {
  /** which reader: its name or a unique part of it, or a pattern; default the one ending "00 00" */
  readonly readerName?: string | RegExp;
  /** re-establishing the context after pcscd went away (default 1000 ms) */
  readonly reconnectIntervalMs?: number;
  /** how long `connect` waits for pcscd to notice a card (default 2000 ms) */
  readonly presenceWaitMs?: number;
  /** bound on the native close calls (default 2000 ms) */
  readonly closeTimeoutMs?: number;
  /** the binding; default the `pcsclite` package */
  readonly pcsclite?: PcscLiteFactory;
  readonly log?: (message: string) => void;
}

export type PcscLinkState = ChipLinkState;

export class PcscChipLink implements ChipLink {
  private context: PcscContext | null = null;
  private readers = new Map<string, PcscReader>();
  private reader: PcscReader | null = null;
  private protocol = 0;
  private readonly card = new PcscCardPresence();
  private linkState: PcscLinkState = 'offline';
  private retry: NodeJS.Timeout | undefined;
  /** a failure was logged; the next ones are not, until the context is back */
  private retrying = false;
  private closed = false;
  /** a context being dropped after pcscd went away; `close()` waits for it */
  private dropping: Promise<void> = Promise.resolve();
  private readonly stateListeners = new Set<(state: PcscLinkState) => void>();
  /** settles when a reader's status thread has run once (see `dropContext`) */
  private readonly firstSign = new WeakMap<PcscReader, Promise<void>>();
  private readonly factory: PcscLiteFactory;

  constructor(private readonly options: PcscChipLinkOptions = {}) {
    const factory = options.pcsclite ?? loadPcsclite();
    if (!factory) {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PC/SC binding (pcsclite) is not installed.');
    }
    this.factory = factory;
  }

  state(): PcscLinkState {
    return this.linkState;
  }

  readerNameInUse(): string | undefined {
    return this.reader?.name;
  }

  onState(listener: (state: PcscLinkState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onPresence(listener: (present: boolean) => void): Unsubscribe {
    return this.card.onPresence(listener);
  }

  /** Establishes the context; resolves when the reader is found, or after `waitMs` either way. */
  async start(waitMs = 3000, signal?: AbortSignal): Promise<PcscLinkState> {
    this.establish();
    if (this.linkState === 'online') return this.linkState;
    await abortable(
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        const off = this.onState((s) => s === 'online' && done());
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      }),
      signal,
    );
    return this.linkState;
  }

  async connect(signal?: AbortSignal): Promise<Buffer> {
    const reader = this.reader;
    if (!reader || this.linkState !== 'online') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is not reachable.');
    }
    if (!this.card.present) {
      // a card swapped faster than pcscd polls keeps the old counter: try it after the wait
      const seen = await this.card.waitForCard(this.options.presenceWaitMs ?? 2000, signal).then(
        () => true,
        (e: unknown) => {
          if (signal?.aborted || !this.card.pcscdSaysPresent) throw e;
          return false;
        },
      );
      if (!seen) this.options.log?.('PC/SC presence unchanged since the last card; connecting anyway');
    }
    if (this.card.mute)
      throw new KioskError(ErrorCode.CARD_MUTE, 'The card does not answer; it may be damaged.');
    if (reader.connected) await this.disconnect(reader.SCARD_RESET_CARD);
    const until = Date.now() + (this.options.presenceWaitMs ?? 2000);
    for (;;) {
      try {
        this.protocol = await abortable(
          new Promise<number>((resolve, reject) => {
            reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, protocol) =>
              err ? reject(err) : resolve(protocol ?? reader.SCARD_PROTOCOL_T1),
            );
          }),
          signal,
        );
        return Buffer.from(this.card.atr);
      } catch (e) {
        if (signal?.aborted) throw e;
        const code = pcscCodeOf(e);
        const transient =
          code === PCSC.W_UNPOWERED_CARD || code === PCSC.W_RESET_CARD || code === PCSC.W_REMOVED_CARD;
        if (!transient || Date.now() > until) throw kioskErrorOfPcsc(e, 'connecting');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** The mechanism moved the card off the contacts: what pcscd says until its next poll is stale. */
  cardLeft(): void {
    this.card.cardLeft();
    const reader = this.reader;
    if (reader?.connected) reader.disconnect(reader.SCARD_LEAVE_CARD, () => undefined);
  }

  transmit(command: Buffer, signal?: AbortSignal): Promise<Buffer> {
    const reader = this.reader;
    if (!reader?.connected) {
      return Promise.reject(new KioskError(ErrorCode.CARD_REMOVED, 'The card is not connected.'));
    }
    return abortable(
      new Promise<Buffer>((resolve, reject) => {
        reader.transmit(command, 258, this.protocol, (err, data) =>
          err ? reject(kioskErrorOfPcsc(err, 'exchanging an APDU')) : resolve(data ?? Buffer.alloc(0)),
        );
      }),
      signal,
    );
  }

  async disconnect(disposition?: number): Promise<void> {
    const reader = this.reader;
    if (!reader?.connected) return;
    await this.bounded(
      new Promise<void>((resolve) =>
        reader.disconnect(disposition ?? reader.SCARD_UNPOWER_CARD, () => resolve()),
      ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.disconnect().catch(() => undefined);
    await this.dropping;
    await this.dropContext();
    this.stateListeners.clear();
    this.card.clearListeners();
  }

  // ------------------------------------------------------------------ context life cycle

  private establish(): void {
    if (this.closed || this.context) return;
    let context: PcscContext;
    try {
      context = this.factory(); // throws synchronously while pcscd is down
    } catch (e) {
      if (!this.retrying) {
        this.options.log?.(
          `PC/SC context not available (${pcscCodeOf(e)?.toString(16) ?? 'no code'}); retrying every ${this.options.reconnectIntervalMs ?? 1000} ms`,
        );
      }
      this.retrying = true;
      this.setState('offline');
      this.scheduleRetry();
      return;
    }
    this.context = context;
    if (this.retrying) this.options.log?.('PC/SC context re-established');
    this.retrying = false;
    context.on('error', (err) => {
      if (this.closed) return;
      this.options.log?.(
        `PC/SC context lost (${pcscCodeOf(err)?.toString(16) ?? 'no code'}); re-establishing`,
      );
      this.dropping = this.dropContext();
      this.retrying = true;
      this.setState('offline');
      this.scheduleRetry();
    });
    context.on('reader', (reader) => this.adopt(reader));
    this.setState('noDevice');
  }

  private adopt(reader: PcscReader): void {
    this.readers.set(reader.name, reader);
    this.firstSign.set(reader, firstSignOf(reader));
    reader.on('error', () => undefined); // status errors follow a lost context, handled there
    reader.on('end', () => {
      this.readers.delete(reader.name);
      if (this.reader === reader) {
        this.reader = null;
        this.card.set(false, false);
        this.setState(this.context ? 'noDevice' : 'offline');
      }
    });
    reader.on('status', (status) => {
      if (this.reader !== reader) return;
      const flags = { present: reader.SCARD_STATE_PRESENT, mute: reader.SCARD_STATE_MUTE };
      this.card.status(status.state, flags, status.atr);
    });
    if (!this.reader && this.wanted(reader.name)) {
      this.reader = reader;
      this.setState('online');
    }
  }

  private wanted(name: string): boolean {
    const want = this.options.readerName;
    if (want === undefined) return / 00 00$/.test(name) || this.readers.size === 1;
    return typeof want === 'string' ? name === want || name.includes(want) : want.test(name);
  }

  /** Drops the context and every reader (closed as `closePcscContext` says pcsclite needs). */
  private dropContext(): Promise<void> {
    const context = this.context;
    this.context = null;
    const readers = [...this.readers.values()].map((reader) => ({
      reader,
      firstSign: this.firstSign.get(reader),
    }));
    this.readers.clear();
    this.reader = null;
    this.card.set(false, false);
    return closePcscContext(context, readers, this.options.closeTimeoutMs ?? 2000);
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.establish(), this.options.reconnectIntervalMs ?? 1000);
    this.retry.unref();
  }

  private setState(state: PcscLinkState): void {
    if (this.closed && state !== 'offline') return;
    if (state === this.linkState) return;
    this.linkState = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private bounded(work: Promise<void>): Promise<void> {
    return Promise.race([
      work,
      new Promise<void>((resolve) => setTimeout(resolve, this.options.closeTimeoutMs ?? 2000).unref()),
    ]);
  }
}
