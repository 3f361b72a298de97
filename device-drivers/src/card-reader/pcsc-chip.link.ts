/**
 * The chip reached through the real PC/SC stack: `pcsclite` (npm) → libpcsclite → pcscd → the
 * reader driver (a real reader, or vpcd with a virtual card). Reader discovery, card presence,
 * exclusive connect, transmit (the card's part: `PcscCardExchange`); when pcscd dies the context
 * never recovers, so it is dropped and re-established on a timer. The binding asks pcscd before
 * each set-up without blocking the thread (`loadPcsclite`, `askPcscd`: a virtual card of this
 * process answers pcscd meanwhile). A set-up that fails (pcscd not answering, or the context made
 * and its set-up throwing partway) keeps nothing: what was made is closed, the link reads offline
 * with the failure's code (`setUpFailure`), and the timer or the next `start` makes a fresh one.
 * The timer backs off (ADR 0020, `PcscContextRetry`): `reconnectIntervalMs`, then twice as long
 * each time it fails again, up to `maxReconnectIntervalMs`; a context set up starts it over. The
 * log says an outage once per code and its return with how long (`PcscOutageLog`). `close()` ends a
 * set-up under way, closes every reader (the unused ones too), then the context, within a bound, so
 * the process can exit.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { ChipLink, ChipLinkSetUpFailure, ChipLinkState } from './chip-link.js';
import { waitForLinkOutcome } from './link-outcome-wait.js';
import { PcscCardPresence } from './pcsc-card-presence.js';
import { PcscCardExchange } from './pcsc-card-exchange.js';
import { PcscContextRetry } from './pcsc-context-retry.js';
import { PcscOutageLog } from './pcsc-outage-log.js';
import { closePcscContext, closeStrayReader, firstSignOf } from './pcsc-context-teardown.js';
import { pcscHexOf, setUpFailureOf } from './pcsc-status.protocol.js';
import { loadPcsclite, type PcscContext, type PcscContextMaker, type PcscReader } from './pcsclite.types.js';

export interface PcscChipLinkOptions {
  /** which reader: its name or a unique part of it, or a pattern; default the one ending "00 00" */
  readonly readerName?: string | RegExp;
  /** the first wait before a new context after pcscd went away or a set-up failed (default 1000 ms) */
  readonly reconnectIntervalMs?: number;
  /** the bound of those waits, doubling while set-ups fail (default the domain's 60 s, ADR 0020) */
  readonly maxReconnectIntervalMs?: number;
  /** how long `connect` waits for pcscd to notice a card (default 2000 ms) */
  readonly presenceWaitMs?: number;
  /** bound on the native close calls (default 2000 ms) */
  readonly closeTimeoutMs?: number;
  /** the binding; default the `pcsclite` package, asking pcscd before each blocking set-up (`loadPcsclite`) */
  readonly pcsclite?: PcscContextMaker;
  readonly log?: (message: string) => void;
}

export type PcscLinkState = ChipLinkState;

export class PcscChipLink implements ChipLink {
  private context: PcscContext | null = null;
  private readers = new Map<string, PcscReader>();
  private reader: PcscReader | null = null;
  private readonly card = new PcscCardPresence();
  private readonly exchange: PcscCardExchange; // connect, transmit, disconnect on the reader in use
  private linkState: PcscLinkState = 'offline';
  private readonly retry: PcscContextRetry; // waits doubling while set-ups fail
  private readonly outage: PcscOutageLog; // said once per code, the return with how long
  /** the last set-up that failed, until one succeeds */
  private failure: ChipLinkSetUpFailure | undefined;
  private closed = false;
  private failedTeardown: Promise<void> = Promise.resolve(); // of what the last failed set-up made
  /** a context being dropped after pcscd went away; `close()` waits for it */
  private dropping: Promise<void> = Promise.resolve();
  private readonly stateListeners = new Set<(state: PcscLinkState) => void>();
  /** settles when a reader's status thread has run once (see `dropContext`) */
  private readonly firstSign = new WeakMap<PcscReader, Promise<void>>();
  private readonly factory: PcscContextMaker;

  constructor(private readonly options: PcscChipLinkOptions = {}) {
    const factory = options.pcsclite ?? loadPcsclite();
    if (!factory) {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PC/SC binding (pcsclite) is not installed.');
    }
    this.factory = factory;
    this.retry = new PcscContextRetry(options);
    this.outage = new PcscOutageLog(options.log, this.retry.provenMs);
    this.exchange = new PcscCardExchange(() => this.reader, this.card, options, this.closeBoundMs);
  }

  state(): PcscLinkState {
    return this.linkState;
  }

  setUpFailure(): ChipLinkSetUpFailure | undefined {
    return this.failure;
  }

  readerNameInUse(): string | undefined {
    return this.reader?.name;
  }

  onState(listener: (state: PcscLinkState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** `undefined`: the reader went (pcscd lost, unplugged), the card's presence not known (`PcscCardPresence`) */
  onPresence(listener: (present: boolean | undefined) => void): Unsubscribe {
    return this.card.onPresence(listener);
  }

  /**
   * Establishes the context; resolves when the reader is found, or after `waitMs` without it, or
   * offline, at once, when the set-up failed (`setUpFailure`: pcscd not answering, or partway) or
   * the context is lost during the wait: nothing can appear before the next try, and the reader
   * comes online, heard, when it is listed (`waitForLinkOutcome`).
   */
  async start(waitMs = 3000, signal?: AbortSignal): Promise<PcscLinkState> {
    await this.establish();
    if (this.failure) await this.failedTeardown; // nothing of it left when `start` says so
    if (this.linkState === 'online' || this.failure) return this.linkState;
    await waitForLinkOutcome((listener) => this.onState(listener), waitMs, signal);
    return this.linkState;
  }

  async connect(signal?: AbortSignal): Promise<Buffer> {
    const reader = this.reader;
    if (!reader || this.linkState !== 'online') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is not reachable.');
    }
    return this.exchange.connect(reader, signal);
  }

  /** The mechanism moved the card off the contacts: what pcscd says until its next poll is stale. */
  cardLeft(): void {
    this.exchange.cardLeft();
  }

  transmit(command: Buffer, signal?: AbortSignal): Promise<Buffer> {
    return this.exchange.transmit(command, signal);
  }

  disconnect(disposition?: number): Promise<void> {
    return this.exchange.disconnect(disposition);
  }

  async close(): Promise<void> {
    this.closed = true;
    const settingUp = this.retry.stop();
    await this.disconnect().catch(() => undefined);
    await settingUp;
    await this.dropping;
    await this.dropContext();
    this.stateListeners.clear();
    this.card.clearListeners();
  }

  // ------------------------------------------------------------------ context life cycle

  /** Makes the context (one set-up at a time) unless the link has one or is closed. */
  private establish(): Promise<void> {
    if (this.closed || this.context) return Promise.resolve();
    return this.retry.attempt((signal) => this.setUp(signal));
  }

  /**
   * One set-up: the binding asks pcscd first without blocking (`askingPcscdFirst`), makes the
   * context, and its events are heard. Nothing of one that throws is kept (`setUpFailed`).
   */
  private async setUp(signal: AbortSignal): Promise<void> {
    let context: PcscContext | undefined;
    try {
      const made = this.factory(signal); // fails while pcscd is down or does not answer
      context = made instanceof Promise ? await made : made; // a fake's at once: its events heard from the start
      if (this.closed) return this.alsoDropping(closePcscContext(context, [], this.closeBoundMs, true));
      this.listenTo(context);
    } catch (e) {
      if (this.closed && !context) return;
      this.setUpFailed(e, context);
      return;
    }
    this.context = context;
    this.failure = undefined;
    this.retry.succeeded();
    this.outage.back();
    this.setState('noDevice');
  }

  /** This context's events; once it is dropped or torn down, they are not heard any more. */
  private listenTo(context: PcscContext): void {
    context.on('error', (err) => {
      if (this.closed || this.context !== context) return;
      const hex = pcscHexOf(err);
      this.outage.failed(`lost ${hex}`, `PC/SC context lost (${hex}); re-establishing`);
      const reasonChanged = this.keepFailure(setUpFailureOf(err, false));
      this.dropping = this.dropContext();
      this.setState('offline', reasonChanged);
      this.scheduleRetry();
    });
    // a context torn down closes the readers it made; one listed after it was dropped too (`closeStrayReader`)
    context.on('reader', (reader) => (this.context === context ? this.adopt(reader) : this.stray(reader)));
  }

  /** A set-up that threw: what it made is closed (`close()` waits for it), the failure kept, tried again. */
  private setUpFailed(error: unknown, context: PcscContext | undefined): void {
    const every = this.retry.waits;
    const failure = setUpFailureOf(error, context !== undefined);
    const changed = this.keepFailure(failure);
    const teardown = context && closePcscContext(context, [], this.closeBoundMs, true);
    this.failedTeardown = teardown ?? Promise.resolve();
    if (teardown) {
      this.alsoDropping(teardown);
      const why = failure.pcsc ?? failure.code;
      this.outage.failed(`partway ${why}`, `PC/SC context set-up failed partway (${why}); closed, ${every}`);
    } else {
      const hex = pcscHexOf(error);
      this.outage.failed(`not available ${hex}`, `PC/SC context not available (${hex}); ${every}`);
    }
    this.setState('offline', changed);
    this.scheduleRetry();
  }

  /** Keeps why the link is offline; true when it says something else than before. */
  private keepFailure(failure: ChipLinkSetUpFailure): boolean {
    const changed = JSON.stringify(failure) !== JSON.stringify(this.failure);
    this.failure = failure;
    return changed;
  }

  private adopt(reader: PcscReader): void {
    this.readers.set(reader.name, reader);
    this.firstSign.set(reader, firstSignOf(reader));
    reader.on('error', () => undefined); // status errors follow a lost context, handled there
    reader.on('end', () => {
      this.readers.delete(reader.name);
      if (this.reader === reader) {
        this.reader = null;
        this.card.lost();
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

  private stray(reader: PcscReader): void {
    this.alsoDropping(closeStrayReader(reader, this.closeBoundMs));
  }

  /** `close()` waits for this teardown too. */
  private alsoDropping(teardown: Promise<void>): void {
    this.dropping = Promise.all([this.dropping, teardown]).then(() => undefined);
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
    this.card.lost();
    return closePcscContext(context, readers, this.closeBoundMs);
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.retry.schedule(() => void this.establish());
  }

  /** `reasonChanged`: listeners hear it even in the same state (why it is offline may differ). */
  private setState(state: PcscLinkState, reasonChanged = false): void {
    if (this.closed && state !== 'offline') return;
    if (state === this.linkState && !reasonChanged) return;
    this.linkState = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private get closeBoundMs(): number {
    return this.options.closeTimeoutMs ?? 2000;
  }
}
