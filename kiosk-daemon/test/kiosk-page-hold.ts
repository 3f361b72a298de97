/**
 * A screen the daemon shows for a moment only (the ended screen, `timeouts.endedViewMs`) kept on
 * the kiosk page while a spec checks it live (its layout, its words, axe): the page itself holds
 * the session views the daemon sends after that screen until the check lets them go, so the
 * screen cannot move on during the check however late a starved spec process begins it. Holding
 * the daemon still (SIGSTOP) could not do that: the screen could be gone before the hold began.
 * Nothing of the UI's own: a script the spec adds to the page (before the UI's scripts, at every
 * load) wraps the page's WebSocket, the socket.io client's transport once it has upgraded.
 */
import type { Page } from 'playwright-core';

/** The page's hold (`window.kioskViewsHold`), as the script below keeps it. */
interface ViewsHold {
  /** the step whose next session view starts the hold */
  armed: string | null;
  /** the step held on screen: the session views after it are held */
  holding: string | null;
  /** the held session views, each delivered to the socket client when let go */
  held: (() => void)[];
  /** the WebSockets the socket client upgraded to (every message after comes through one) */
  upgraded: WebSocket[];
}

/**
 * In the page: the WebSocket wrapped so that, once a spec armed a step (`armed`), the session view
 * showing it is let through and every session view after it is held, in order, until let go.
 * Anything else the daemon sends (kiosk views, the demo panel's state, acks, pings) goes on as
 * before. Runs in the browser: self-contained.
 */
function holdSessionViews(): void {
  const w = window as unknown as { kioskViewsHold?: ViewsHold };
  if (w.kioskViewsHold) return;
  const hold: ViewsHold = { armed: null, holding: null, held: [], upgraded: [] };
  w.kioskViewsHold = hold;
  /** the step of a session view (null: no session), undefined for any other message */
  const stepOf = (data: unknown): string | null | undefined => {
    // a socket.io event in an engine.io message: '42' then [name, payload]
    if (typeof data !== 'string' || !data.startsWith('42[')) return undefined;
    try {
      const [event, view] = JSON.parse(data.slice(2)) as [unknown, { step?: unknown } | null];
      if (event !== 'session.view') return undefined;
      return typeof view?.step === 'string' ? view.step : null;
    } catch {
      return undefined;
    }
  };
  const Native = window.WebSocket;
  class HeldWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const replayed = new WeakSet<Event>();
      // added before the socket client's own handler, so it comes first
      this.addEventListener('message', (e) => {
        if (replayed.has(e)) return;
        const step = stepOf(e.data);
        if (step === undefined) return;
        if (hold.holding !== null) {
          e.stopImmediatePropagation();
          hold.held.push(() => {
            const again = new MessageEvent('message', { data: e.data as unknown });
            replayed.add(again);
            this.dispatchEvent(again);
          });
        } else if (step !== null && step === hold.armed) {
          hold.holding = step;
          hold.armed = null;
        }
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data === '5') hold.upgraded.push(this); // engine.io's upgrade: polling ends here
      super.send(data);
    }
  }
  window.WebSocket = HeldWebSocket;
}

/** `page`'s session views holdable from its next load on (`keepWhenShown`). */
export async function holdableViews(page: Page): Promise<void> {
  await page.addInitScript(holdSessionViews);
}

/**
 * The page's next screen of `step` kept on screen when it comes (until `whileKept` ends): armed
 * once the page's socket runs on its WebSocket (within `timeout` ms). Call it before the act that
 * leads there.
 */
export async function keepWhenShown(page: Page, step: string, timeout = 15_000): Promise<void> {
  await page
    .waitForFunction(
      (s) => {
        const hold = (window as unknown as { kioskViewsHold?: ViewsHold }).kioskViewsHold;
        if (!hold) throw new Error('the page holds no session view (holdableViews before its load)');
        if (hold.holding !== null) throw new Error(`the page still holds the ${hold.holding} screen`);
        if (!hold.upgraded.some((ws) => ws.readyState === WebSocket.OPEN)) return false;
        hold.armed = s;
        return true;
      },
      step,
      { timeout },
    )
    .catch((e: Error) => {
      throw new Error(`the ${step} screen could not be kept: ${e.message}`);
    });
}

/** The page's hold ended: nothing armed, what it held delivered in order. */
export async function letGo(page: Page): Promise<void> {
  await page.evaluate(() => {
    const hold = (window as unknown as { kioskViewsHold?: ViewsHold }).kioskViewsHold;
    if (!hold) return;
    hold.armed = null;
    hold.holding = null;
    for (const deliver of hold.held.splice(0)) deliver();
  });
}

/**
 * `look` at the page while it keeps the screen of `step` (`keepWhenShown` armed before), then the
 * hold let go (the views held meanwhile shown in order). Waits up to `timeout` ms for that screen's
 * view to come; fails at once when nothing was armed for it.
 */
export async function whileKept<T>(
  page: Page,
  step: string,
  look: () => Promise<T>,
  timeout = 15_000,
): Promise<T> {
  try {
    const kept = await page
      .waitForFunction(
        (s) => {
          const hold = (window as unknown as { kioskViewsHold?: ViewsHold }).kioskViewsHold;
          return hold?.holding === s ? 'kept' : hold?.armed === s ? false : 'not kept';
        },
        step,
        { timeout },
      )
      .then((found) => found.jsonValue())
      .catch((e: Error) => {
        throw new Error(`the ${step} screen did not come within ${timeout} ms (${e.message})`);
      });
    if (kept !== 'kept') {
      throw new Error(
        `the ${step} screen was not kept for its check (keepShown before the act that leads there)`,
      );
    }
    return await look();
  } finally {
    await letGo(page);
  }
}
