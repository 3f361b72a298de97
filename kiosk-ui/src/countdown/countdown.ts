/** Countdown maths from a session view's deadline: pure, so it is tested without a clock. */
export interface Deadline {
  readonly at: number;
  readonly warnAt: number;
}

export interface Countdown {
  /** whole seconds left, rounded up, never negative */
  readonly secondsLeft: number;
  /** true from warnAt on: time to ask "need more time?" */
  readonly warning: boolean;
  readonly expired: boolean;
  /** share of the warning window still left, 1 → 0 (1 before the warning starts) */
  readonly remainingShare: number;
}

export function countdownAt(deadline: Deadline, now: number): Countdown {
  const leftMs = Math.max(0, deadline.at - now);
  const windowMs = deadline.at - deadline.warnAt;
  const expired = now >= deadline.at;
  const warning = now >= deadline.warnAt;
  let remainingShare = 1;
  if (expired) remainingShare = 0;
  else if (warning && windowMs > 0) remainingShare = Math.min(1, leftMs / windowMs);
  return { secondsLeft: Math.ceil(leftMs / 1000), warning, expired, remainingShare };
}

/** What the countdown hook keeps between renders: its last clock reading and the deadline it was for. */
export interface Tick {
  readonly deadline: Deadline | undefined;
  readonly now: number;
}

function sameDeadline(a: Deadline | undefined, b: Deadline): boolean {
  return a !== undefined && a.at === b.at && a.warnAt === b.warnAt;
}

/**
 * The countdown on screen for this render. A tick belongs to the deadline it was taken for: a new
 * deadline (the next step) is read at the clock's time now, never at a tick taken before the step
 * began (that tick, up to a second old, showed 31 seconds left for a 30 s step).
 */
export function countdownShown(tick: Tick, deadline: Deadline, clockNow: number): Countdown {
  return countdownAt(deadline, sameDeadline(tick.deadline, deadline) ? tick.now : clockNow);
}

/** Milliseconds until the displayed countdown next changes (next whole second or warnAt). */
export function msUntilNextTick(deadline: Deadline, now: number): number {
  if (now >= deadline.at) return Number.POSITIVE_INFINITY;
  const leftMs = deadline.at - now;
  const toNextSecond = leftMs % 1000 === 0 ? 1000 : leftMs % 1000;
  const toWarn = deadline.warnAt > now ? deadline.warnAt - now : Number.POSITIVE_INFINITY;
  return Math.min(toNextSecond, toWarn);
}
