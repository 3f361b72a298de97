/**
 * Which events the telemetry queue drops when it is over its bounds, and which alerts it keeps
 * longest (ADR 0004). Two bounds, each counted on its own:
 * - the queue's limit (`fleet.queueLimit`) bounds every event but those kept until stored: the
 *   oldest plain event goes first, an alert that needs staff (`STAFF_ALERT_EVENTS`) only when
 *   nothing but such alerts is left;
 * - the staff alert limit (`fleet.staffAlertLimit`) bounds those kept until stored
 *   (`keptUntilStored`): the oldest self test alert goes first (the next self test that fails tells
 *   it again), then the oldest of the others (told again from the journal at the next boot, and a
 *   withdrawal or supply act left for staff raised by the status's lists at every reconnect).
 * Every event dropped is counted, so the fleet hears of the loss (`eventsDropped`).
 */
import { ErrorCode, ServiceReason } from '@kiosk/domain';
import type { QueuedEvent } from './telemetry-queue-file.js';

/**
 * The events the fleet monitor raises an alert from and nothing else tells it again (ADR 0011: a
 * device fault comes back with every status, these do not): an `anomaly` (a host act given up, a
 * card kept, cash left, a PIN locked, ...) and `recoveryNeedsStaff` (recovery left a withdrawal
 * undecided, a card kept or left, a supply act, for staff). Dropped last.
 */
export const STAFF_ALERT_EVENTS: ReadonlySet<string> = new Set(['anomaly', 'recoveryNeedsStaff']);

const needsStaff = (event: QueuedEvent) => STAFF_ALERT_EVENTS.has(event.type);

/** The anomalies kept until stored (see `keptUntilStored`). */
const KEPT_ANOMALIES: ReadonlySet<unknown> = new Set([
  ErrorCode.HOST_ACT_ABANDONED,
  ErrorCode.WITHDRAWAL_PAID_ABOVE_HOLD,
  ErrorCode.ACTIVATION_UNFINISHED,
]);

/**
 * The staff alerts the kiosk tells again from its journal until a monitor stored them (ADR 0004,
 * "Staff alerts kept until stored"): `recoveryNeedsStaff` (recovery left a withdrawal, a card
 * making or a card for staff, told at every self test that fails on it; a withdrawal left for
 * staff, in service too, once per withdrawal; a supply act left for staff; a self test timed out)
 * and the `anomaly` of a host act given up (HOST_ACT_ABANDONED, money perhaps held) or of a
 * withdrawal counted paid above its hold (WITHDRAWAL_PAID_ABOVE_HOLD, cash nobody charged) or of an
 * activation cut mid PIN write (ACTIVATION_UNFINISHED, chip and host apart). Outside the
 * queue's limit, under a bound of their own (a supply act's and a given-up act's alert are queued
 * once per act, under the act's own id; a self test's once while a like one waits unsent).
 */
export function keptUntilStored(event: QueuedEvent): boolean {
  if (event.type === 'recoveryNeedsStaff') return true;
  return event.type === 'anomaly' && KEPT_ANOMALIES.has((event as { code?: unknown }).code);
}

/** The codes of a self test's recovery alert (its reason: failed, or did not finish). */
const SELF_TEST_CODES: ReadonlySet<unknown> = new Set([
  ServiceReason.SELF_TEST_FAILED,
  ServiceReason.SELF_TEST_TIMEOUT,
]);

/**
 * What a self test's recovery alert says (its code and cause: the monitor keeps one alert per
 * code); undefined for any other event, a supply act's and a withdrawal's left for staff too (told
 * under their own ids: one withdrawal's never stands for another's).
 */
export function selfTestAlertOf(event: QueuedEvent): string | undefined {
  const e = event as { type: string; code?: unknown; cause?: unknown };
  if (e.type !== 'recoveryNeedsStaff' || !SELF_TEST_CODES.has(e.code)) return undefined;
  return `${String(e.code)}|${String(e.cause ?? '')}`;
}

/** The events past the queue's two bounds, to drop (the queue's order is oldest first). */
export function pastBounds(
  events: readonly QueuedEvent[],
  limit: number,
  staffAlertLimit: number,
): Set<QueuedEvent> {
  const gone = new Set<QueuedEvent>();
  const droppable = events.filter((event) => !keptUntilStored(event));
  oldestFirst(droppable, droppable.length - limit, (event) => !needsStaff(event), gone);
  const kept = events.filter(keptUntilStored);
  oldestFirst(kept, kept.length - staffAlertLimit, (event) => selfTestAlertOf(event) !== undefined, gone);
  return gone;
}

/** Adds `over` of `events` to `gone`: those `first` picks, oldest first, then the rest, oldest first. */
function oldestFirst(
  events: readonly QueuedEvent[],
  over: number,
  first: (event: QueuedEvent) => boolean,
  gone: Set<QueuedEvent>,
): void {
  if (over <= 0) return;
  const before = gone.size;
  for (const pass of [first, (event: QueuedEvent) => !first(event)])
    for (const event of events) if (gone.size - before < over && pass(event)) gone.add(event);
}
