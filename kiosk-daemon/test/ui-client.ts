/**
 * A socket.io client that plays the touch UI in e2e specs: it records every message the daemon
 * sends (to search them for secrets afterwards) and waits for views by predicate.
 */
import type {
  Ack,
  DemoLooks,
  DemoState,
  KioskView,
  SessionViewWithDetails as SessionView,
} from '@kiosk/domain';
import { io, type Socket } from 'socket.io-client';

export class UiClient {
  readonly socket: Socket;
  /** every inbound message as JSON text, in order */
  readonly traffic: string[] = [];
  kiosk: KioskView | null = null;
  session: SessionView | null = null;
  demo: DemoState | null = null;
  private waiters: (() => void)[] = [];
  /** the daemon went away: every wait rejects instead of running into its timeout */
  private gone = false;
  /**
   * The resident takes their ID card when the session's end asks for it (takeIdCard), as a resident
   * does; false in the specs of an ID card left on the reader.
   */
  liftsIdCard = true;

  constructor(readonly url: string) {
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((event: string, payload: unknown) => {
      this.traffic.push(`${event} ${JSON.stringify(payload)}`);
      if (event === 'kiosk.view') this.kiosk = payload as KioskView;
      if (event === 'session.view') this.session = payload as SessionView | null;
      if (event === 'session.view' && this.liftsIdCard && this.session?.step === 'takeIdCard') {
        void this.emit('demo.idCard', { action: 'remove' }).catch(() => undefined);
      }
      if (event === 'demo.state') this.demo = payload as DemoState;
      for (const w of this.waiters.splice(0)) w();
    });
    this.socket.on('disconnect', () => {
      this.gone = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /**
   * Sends `event` and waits for the daemon's answer. The bound is liveness only (a daemon that never
   * answers fails the spec); 15 s, as a loaded two-core machine answered a device act in over 5 s.
   */
  emit(event: string, payload?: unknown, timeoutMs = 15_000): Promise<Ack> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;
  }

  /** Resolves with the first session view matching, including the current one. */
  async waitForSession(
    match: (v: SessionView | null) => boolean,
    timeoutMs = 10_000,
  ): Promise<SessionView | null> {
    return this.waitFor(
      () => (match(this.session) ? this.session : undefined),
      timeoutMs,
      () =>
        `session view: ${JSON.stringify(this.session)}; steps so far: ${this.traffic
          .filter((t) => t.startsWith('session.view'))
          .map((t) => /"step":"(\w+)"/.exec(t)?.[1] ?? 'none')
          .join(' > ')}`,
    );
  }

  /**
   * Sends `event` and resolves with the first session view matching from the send on (its answer not
   * read). The wait begins before the send: a view shown for a moment only (the ended view, for
   * `timeouts.endedViewMs`) is seen even when this process, held up by a loaded machine, reads the
   * answer, that view and the one after it all at once; a wait begun after the answer would find the
   * later view current and wait for one that never comes.
   */
  async emitAndWaitForSession(
    event: string,
    payload: unknown,
    match: (v: SessionView | null) => boolean,
    timeoutMs = 10_000,
  ): Promise<SessionView | null> {
    const seen = this.waitForSession(match, timeoutMs);
    // returned below: not unhandled should it fail while the send is under way
    seen.catch(() => undefined);
    await this.emit(event, payload);
    return seen;
  }

  async waitForKiosk(match: (v: KioskView) => boolean, timeoutMs = 10_000): Promise<KioskView> {
    return this.waitFor(
      () => (this.kiosk && match(this.kiosk) ? this.kiosk : undefined),
      timeoutMs,
      () => `kiosk view: ${JSON.stringify(this.kiosk)}`,
    );
  }

  /** A demo image (receipt, card face) the demo state names, loaded from the daemon as the panel does. */
  async demoImage(address: string): Promise<Buffer> {
    const response = await fetch(new URL(address, this.url));
    if (response.status !== 200 || response.headers.get('content-type') !== 'image/png')
      throw new Error(`demo image ${address}: ${response.status} ${response.headers.get('content-type')}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async waitForDemo(match: (v: DemoState) => boolean, timeoutMs = 10_000): Promise<DemoState> {
    return this.waitFor(
      () => (this.demo && match(this.demo) ? this.demo : undefined),
      timeoutMs,
      () => `demo state: ${JSON.stringify(this.demo)?.slice(0, 300)}`,
    );
  }

  /**
   * Resolves once the daemon's driver has looked at the emulated device `more` more times than when
   * asked (`demo.looks`: the byte-level GA 467 reader's pad, the card printer's bezel sensor), with
   * the looks counted and the cards read meanwhile; rejects with the daemon's refusal (its code).
   */
  async demoLooks(device: 'idReader' | 'cardPrinter', more: number, timeoutMs = 10_000): Promise<DemoLooks> {
    const ack = await this.emit('demo.looks', { device, more, withinMs: timeoutMs }, timeoutMs + 5_000);
    if (!ack.ok) throw new Error(`demo.looks ${device}: ${ack.error.code} ${ack.error.message}`);
    if (!ack.looks) throw new Error(`demo.looks ${device}: answered without the looks`);
    return ack.looks;
  }

  /**
   * Resolves once the daemon's driver has looked at the emulated GA 467 reader's pad `n` more times
   * (find card or the held card's probe): some polls, by count, not by a fixed wait. The driver looks
   * once its last look is answered: `n` looks counted, the first `n - 1` were taken in by it.
   * Resolves with the cards it read meanwhile (a read's own find card counts as a look: a card read
   * is told by `reads`, not by the session's step alone). Rejects where the daemon emulates no
   * serial ID reader.
   */
  async idReaderLooks(n: number, timeoutMs = 10_000): Promise<{ readonly reads: number }> {
    const { reads } = await this.demoLooks('idReader', n, timeoutMs);
    return { reads: reads ?? 0 };
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; last ${describe()}`)), timeoutMs);
      const check = () => {
        if (this.gone) {
          clearTimeout(timer);
          reject(new Error(`the daemon went away; last ${describe()}`));
          return;
        }
        const value = probe();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Starts a journey, inserts a demo card and types its PIN on the demo pad, up to the PIN's verdict. */
  async startWithCardAndPin(journey: string, cardId: string, pin: string): Promise<void> {
    const started = await this.emit('session.start', { journey });
    if (!started.ok) throw new Error(`session.start refused: ${JSON.stringify(started)}`);
    await this.waitForSession((v) => v?.step === 'insertCard');
    await this.emit('demo.card', { action: 'insert', cardId });
    await this.waitForSession((v) => v?.step === 'enterPin');
    for (const key of pin) await this.emit('demo.pinpad', { key });
    await this.waitForSession((v) => v?.pin?.entered === pin.length);
    await this.emit('demo.pinpad', { key: 'enter' });
  }

  /** Ends the journey from its last screen ("finish"), takes the card at the slot, up to the ended view. */
  async finishAndTakeCard(): Promise<SessionView | null> {
    await this.emit('session.command', { command: 'finish' });
    await this.waitForSession((v) => v?.step === 'takeCard');
    return this.emitAndWaitForSession('demo.card', { action: 'take' }, (v) => v?.step === 'ended');
  }

  close(): void {
    this.socket.close();
  }
}
