/**
 * The specs' one wait for something to happen: `probe` is asked every `everyMs` until its
 * answer passes `until` (by default: is truthy), for at most `withinMs`. A probe that throws is
 * asked again. On timeout the error names `label`, the time waited and the last answer seen
 * (or the last error the probe threw), so a failed wait says what it saw.
 *
 * Every room's specs import it as `@kiosk/domain/testing`.
 */
export interface EventuallyOptions<T> {
  /** how long to wait at most (ms) */
  readonly withinMs: number;
  /** how long between two askings (ms); 25 by default */
  readonly everyMs?: number;
  /** whether an answer is the awaited one; by default whether it is truthy */
  readonly until?: (answer: T) => boolean;
}

export async function eventually<T>(
  probe: () => T | Promise<T>,
  label: string,
  { withinMs, everyMs = 25, until = Boolean }: EventuallyOptions<T>,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  let seen: { answer: T } | { thrown: unknown } | undefined;
  for (;;) {
    try {
      const answer = await probe();
      if (until(answer)) return answer;
      seen = { answer };
    } catch (thrown) {
      seen = { thrown };
    }
    if (Date.now() >= deadline) throw new Error(`${label}: not within ${withinMs} ms; ${lastSeen(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function lastSeen(seen: { answer: unknown } | { thrown: unknown } | undefined): string {
  if (seen === undefined) return 'never answered';
  if ('thrown' in seen) {
    const thrown = seen.thrown;
    return `last thrown: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : shown(thrown)}`;
  }
  return `last seen: ${shown(seen.answer)}`;
}

function shown(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}
