/**
 * The robot resident's eyes and hands on the kiosk (mixed-journeys.robot): the socket.io side, the
 * latest session, kiosk and demo panel views, the events it sends, and its waits on what it sees.
 */
import type { DemoState, KioskView, SessionView } from '@kiosk/domain';
import type { Socket } from 'socket.io-client';

/** how long the robot waits for a screen before it calls the journey stuck */
const JOURNEY_DEADLINE_MS = 20_000;

/** The socket.io side of the robot: the latest views and waits on them. */
export class Screen {
  session: SessionView | null = null;
  demo: DemoState | null = null;
  kiosk: KioskView | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.on('session.view', (v: SessionView | null) => {
      this.session = v;
      this.wake();
    });
    socket.on('kiosk.view', (k: KioskView) => {
      this.kiosk = k;
      this.wake();
    });
    socket.on('demo.state', (d: DemoState) => {
      this.demo = d;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  async emit(event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
    return (await this.socket.emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } };
  }

  /** The probe's first value; refused after `ms`, or once `signal` aborts (the wait given up). */
  until<T>(
    probe: () => T | undefined,
    what: string,
    ms = JOURNEY_DEADLINE_MS,
    signal?: AbortSignal,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        signal?.removeEventListener('abort', abandon);
      };
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const abandon = () => {
        done();
        reject(new Error(`soak: the wait for ${what} given up`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`soak: no ${what} in ${ms} ms; last view ${JSON.stringify(this.session)}`));
      }, ms);
      signal?.addEventListener('abort', abandon);
      this.waiters.add(check);
      check();
    });
  }
}
