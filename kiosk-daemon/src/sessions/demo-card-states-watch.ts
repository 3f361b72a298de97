/**
 * The demo panel's cards follow their states at the demo's back office. The embedded host
 * simulator changes a card's state in place, with no event: an activation or a loss report from
 * this kiosk is followed by some other notify, but a change made at the host itself (the office
 * reports a card lost, unfreezes it, a temporary loss lapses) was not, and the panel kept the old
 * state until the next unrelated notify. The watch reads the states (in memory, no request) every
 * `everyMs` and tells the panel only when one changed.
 */
export const DEMO_CARD_STATES_POLL_MS = 1_000;

/**
 * Calls `changed` each time what `read` gives (the cards' states as one text) differs from the
 * last reading; returns the stop. The timer does not hold the process open.
 */
export function watchDemoCardStates(
  read: () => string,
  changed: () => void,
  everyMs = DEMO_CARD_STATES_POLL_MS,
): () => void {
  let last = read();
  const timer = setInterval(() => {
    const now = read();
    if (now === last) return;
    last = now;
    changed();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
