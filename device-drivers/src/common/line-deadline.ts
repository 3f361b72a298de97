/**
 * A device's deadline (a serial line's ACK window, answer time, late answer's wait and inter-byte
 * gap; a PC/SC APDU's round trip) that tells a silent device from a stalled process. When the
 * process stalls (a garbage collection, a starved CPU), its due timers run before the reads of the
 * bytes that came meanwhile, and before the callbacks of native work that ended meanwhile (pcsclite
 * answers an APDU from the thread pool, on the loop's poll after its timers): a deadline concluded
 * then would read a device silent whose answer is already in the line or the binding. So a
 * deadline that fires later than due by more than `STALL_SLACK_MS` gives the reads under way
 * `STALL_GRACE_MS` first (time for the port to hand on bytes already in the kernel's buffer) and
 * concludes only if it was not cleared meanwhile; one that fires on time concludes at once, so a
 * healthy terminal's timing is unchanged. Shared by `SerialAnswerLine`, `LateAnswers`,
 * `SerialFrameReader` and the card reader's `withDeadline`.
 */

/** how late a deadline may fire and still count as on time (no stall) */
export const STALL_SLACK_MS = 25;
/** the wait a deadline that fired late gives the reads under way before it concludes */
export const STALL_GRACE_MS = 50;
/** graces at most, however long the stalls go on: a process stalled through them all concludes */
const MAX_GRACES = 3;

export interface LineDeadline {
  /** the answer came (or the wait ended otherwise): the deadline never concludes */
  clear(): void;
}

export interface LineDeadlineOptions {
  /** the deadline's timers never keep the process alive (the work it bounds does, if anything) */
  readonly unref?: boolean;
}

/** `expire` runs once `ms` have passed, after a grace when the process stalled past the deadline. */
export function lineDeadline(
  ms: number,
  expire: () => void,
  options: LineDeadlineOptions = {},
): LineDeadline {
  const arm = (after: number) => {
    const armed = setTimeout(fire, after);
    if (options.unref) armed.unref();
    return armed;
  };
  let due = performance.now() + ms;
  let graces = 0;
  const fire = () => {
    const now = performance.now();
    if (now - due <= STALL_SLACK_MS || graces >= MAX_GRACES) {
      expire();
      return;
    }
    graces += 1;
    due = now + STALL_GRACE_MS;
    timer = arm(STALL_GRACE_MS);
  };
  let timer = arm(ms);
  return { clear: () => clearTimeout(timer) };
}
