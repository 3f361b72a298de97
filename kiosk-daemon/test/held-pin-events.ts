/**
 * PIN events held at the host simulator's own server on their arrival, unanswered (their
 * connection open), until released: a slow host, as the kiosk sees it, for the PIN outcome specs
 * (`pin-outcome-world.ts`) and a withdrawal's wait behind them. Every other request goes through.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/** PIN events held at the host until released. */
export interface HeldPinEvent {
  /** true once a PIN event held here arrived at the host (and is not released yet) */
  arrived(): boolean;
  /** the host handles those held now; those arriving after it are not held by this one */
  release(): void;
}

export interface PinEventHolds {
  /** the next PIN event to arrive at the host held there until released; only that one */
  holdNext(): HeldPinEvent;
  /**
   * every PIN event arriving from now on (the kiosk's tries again too) held until released; with
   * `cardNumber`, only that card's (the others go through)
   */
  holdEvery(cardNumber?: string): HeldPinEvent;
  /** all held handled now, nothing held any more */
  releaseAll(): void;
}

/** Takes over `server`'s requests (its listeners called once a PIN event is let through). */
export function pinEventHolds(server: Server): PinEventHolds {
  const handle = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  interface Hold {
    readonly once: boolean;
    /** the card whose PIN events alone are held, or every card's */
    readonly cardNumber?: string | undefined;
    readonly held: (() => void)[];
  }
  let holding: Hold | null = null;
  const holds: HeldPinEvent[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const go = () => handle.forEach((h) => h.call(server, req, res));
    const url = req.url ?? '';
    const ofCard = (h: Hold) => h.cardNumber === undefined || url.includes(`/cards/${h.cardNumber}/`);
    const hold = url.includes('/pin-events') && holding && ofCard(holding) ? holding : null;
    if (!hold) return go();
    if (hold.once) holding = null;
    hold.held.push(go);
  });
  const hold = (once: boolean, cardNumber?: string): HeldPinEvent => {
    const h: Hold = { once, cardNumber, held: [] };
    holding = h;
    const held: HeldPinEvent = {
      arrived: () => h.held.length > 0,
      release() {
        if (holding === h) holding = null;
        for (const go of h.held.splice(0)) go();
      },
    };
    holds.push(held);
    return held;
  };
  return {
    holdNext: () => hold(true),
    holdEvery: (cardNumber) => hold(false, cardNumber),
    releaseAll() {
      holding = null;
      for (const h of holds.splice(0)) h.release();
    },
  };
}
