/**
 * Which alerts a kiosk's status calls for, as a pure function: one per supply that is low or
 * empty (or a bin that is full), one per device in a fault state, and one per supply act left for
 * staff the status lists (`supplyActsLeft`, ADR 0022; the same alert the act's event raises, so a
 * lost event or a missed answer is mended by the next status), and one while the status counts
 * withdrawals left for staff (`withdrawalsLeft`, ADR 0004; likewise), and one per card or notes
 * left at the kiosk that any of its reasons names (`leftAtKiosk`). The ingest raises what is
 * new and clears what is gone; offline alerts come from the status's connection, anomaly, fault and
 * recovery alerts from events (`alertChangeOfEvent`).
 * The status also says when a kiosk's recovery alerts have gone (`recoverySettledBy`), whatever
 * their code: `goneByStatus` names every active alert a status clears.
 */
import { DEVICE_REASON_ORDER, ErrorCode, ServiceReason } from '@kiosk/domain';
import type { ReceivedEvent, ReceivedOnlineStatus as OnlineStatus } from '../contract/telemetry-reading.js';
import type { AlertKind } from '../store/fleet-store.js';
import { isStaffTripReason } from './staff-trip-reasons.js';

export interface WantedAlert {
  readonly kind: AlertKind;
  readonly key: string;
  readonly code: string | null;
}

/** the code of a supply act left for staff, as the kiosk's event names it */
const SUPPLY_ACT_UNSETTLED = ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED;

/** Keys of the alerts of a card or notes left at the kiosk for staff (`leftAtKiosk/<reason>`). */
export const LEFT_AT_KIOSK_KEY_PREFIX = 'leftAtKiosk/';

/**
 * The key of the alert of the withdrawals left for staff (one per kiosk): raised by a withdrawal's
 * `recoveryNeedsStaff` (WITHDRAWAL_UNDECIDED, told at once, in service too) or by a status counting
 * some (`withdrawalsLeft`), resolved only by a status that counts none: the supervisor settled them
 * all. Not a `recovery/` key: a kiosk in service has money left as well, and placing it says nothing
 * of that money (ADR 0004).
 */
export const WITHDRAWAL_LEFT_KEY = 'withdrawalsLeft';
const WITHDRAWAL_LEFT = ErrorCode.WITHDRAWAL_UNDECIDED;

/** Keys of the alerts of supply acts left for staff (`supplyAct/<device>/<supply>`). */
export const SUPPLY_ACT_KEY_PREFIX = 'supplyAct/';

const FAULT_STATES = new Set(['hardwareError', 'userError', 'offline', 'noDevice', 'powerOff']);

export function alertsForStatus(status: OnlineStatus): WantedAlert[] {
  const wanted: WantedAlert[] = [];
  for (const device of status.devices) {
    if (FAULT_STATES.has(device.device))
      wanted.push({
        kind: 'deviceFault',
        key: `fault/${device.kind}`,
        code: device.faultCode ?? device.device,
      });
    for (const supply of device.supplies) {
      const key = `supply/${device.kind}/${supply.name}`;
      if (supply.level === 'empty' || supply.level === 'full' || supply.level === 'missing')
        wanted.push({ kind: 'supplyEmpty', key, code: supply.level });
      // its own key: paper that runs out after running low clears the low alert and raises the empty one
      else if (supply.level === 'low') wanted.push({ kind: 'supplyLow', key: `${key}/low`, code: 'low' });
    }
  }
  for (const act of status.supplyActsLeft ?? [])
    wanted.push({
      kind: 'recoveryNeedsStaff',
      key: recoveryAlertKey({ code: SUPPLY_ACT_UNSETTLED, ...act }),
      code: SUPPLY_ACT_UNSETTLED,
    });
  if ((status.withdrawalsLeft ?? 0) > 0)
    wanted.push({ kind: 'recoveryNeedsStaff', key: WITHDRAWAL_LEFT_KEY, code: WITHDRAWAL_LEFT });
  // any reason the status names, behind a device's fault too; a reason this monitor does not know
  // (a newer kiosk's) raises nothing: `staff-trip-reasons.ts`
  for (const reason of reasonsNamed(status))
    if (isStaffTripReason(reason))
      wanted.push({ kind: 'leftAtKiosk', key: `${LEFT_AT_KIOSK_KEY_PREFIX}${reason}`, code: reason });
  return wanted;
}

/**
 * The reasons a status names, each once: its list (`reasons`, every reason the kiosk holds) and its
 * first (`reason`), which is all a kiosk of a release before the list sends.
 */
function reasonsNamed(status: OnlineStatus): string[] {
  return [...new Set([...(status.reason === undefined ? [] : [status.reason]), ...(status.reasons ?? [])])];
}

/** Keys of alerts that status-derived rules own (so a status without them clears them). */
export function isStatusAlertKey(key: string): boolean {
  return key.startsWith('fault/') || key.startsWith('supply/') || key.startsWith(LEFT_AT_KIOSK_KEY_PREFIX);
}

/**
 * Keys of the alerts a kiosk's `recoveryNeedsStaff` event raises (`recovery/<code>`): its self test
 * failed (SELF_TEST_FAILED: recovery left something for staff) or did not finish
 * (SELF_TEST_TIMEOUT), or a code of a newer kiosk's.
 */
export const RECOVERY_KEY_PREFIX = 'recovery/';

export function isRecoveryAlertKey(key: string): boolean {
  return key.startsWith(RECOVERY_KEY_PREFIX);
}

/**
 * The key of the alert a staff supply act left for staff raises (`supplyAct/<device>/<supply>`: a
 * `recoveryNeedsStaff` event naming the supply, ADR 0022). The kiosk stays in service meanwhile, so
 * its mode does not clear it: staff's answer does, told as that supply's refill or bin emptying done
 * (`supplyActAnsweredKey`; a new act of that supply is refused until the answer, so one done means
 * nothing of it waits), and a status listing the acts left (`supplyActsLeft`) raises and clears it
 * too, so neither a lost event nor a missed answer leaves it wrong.
 */
export function recoveryAlertKey(event: { code: string; device?: string; supply?: string }): string {
  if (event.device !== undefined && event.supply !== undefined)
    return `${SUPPLY_ACT_KEY_PREFIX}${event.device}/${event.supply}`;
  // a withdrawal left for staff (a self test's own is SELF_TEST_FAILED, its cause beside)
  return event.code === WITHDRAWAL_LEFT ? WITHDRAWAL_LEFT_KEY : `${RECOVERY_KEY_PREFIX}${event.code}`;
}

/** The supply act alert a maintenance event resolves: a refill or bin emptying done (no code). */
export function supplyActAnsweredKey(event: {
  action: string;
  code?: string;
  device?: string;
  supply?: string;
}): string | undefined {
  if (event.action !== 'refill' && event.action !== 'emptyBin') return undefined;
  if (event.code !== undefined || event.device === undefined || event.supply === undefined) return undefined;
  return `${SUPPLY_ACT_KEY_PREFIX}${event.device}/${event.supply}`;
}

/** What one event does to the kiosk's alerts: raise one, clear one, or nothing. */
export type EventAlertChange = { readonly raise: WantedAlert } | { readonly clear: string } | undefined;

/**
 * The alert an event stored for the first time raises or clears (a repeat changes nothing): an
 * anomaly its own (`anomaly/<event id>`, resolved by an operator's acknowledgement), a recovery left
 * for staff (`recoveryAlertKey`), a device's fault and its clearing (`fault/<device>`), the events
 * the kiosk's queue dropped (an anomaly), and a supply act answered (`supplyActAnsweredKey`).
 */
export function alertChangeOfEvent(event: ReceivedEvent): EventAlertChange {
  switch (event.type) {
    case 'anomaly':
      return { raise: { kind: 'anomaly', key: `anomaly/${event.id}`, code: event.code } };
    case 'recoveryNeedsStaff':
      return { raise: { kind: 'recoveryNeedsStaff', key: recoveryAlertKey(event), code: event.code } };
    case 'deviceFault':
      return { raise: { kind: 'deviceFault', key: `fault/${event.device}`, code: event.code } };
    case 'faultCleared':
      return { clear: `fault/${event.device}` };
    case 'eventsDropped':
      return { raise: { kind: 'anomaly', key: `anomaly/${event.id}`, code: 'TELEMETRY_EVENTS_DROPPED' } };
    case 'maintenance': {
      const answered = supplyActAnsweredKey(event);
      return answered === undefined ? undefined : { clear: answered };
    }
    default:
      return undefined;
  }
}

/** Modes the kiosk is in only once placed by its devices: after a self test that passed, or a recovery settled late. */
const PLACED_MODES: ReadonlySet<string> = new Set(['inService', 'degraded', 'outOfService']);
const SELF_TEST_REASONS: ReadonlySet<string> = new Set([
  ServiceReason.SELF_TEST_FAILED,
  ServiceReason.SELF_TEST_TIMEOUT,
]);

/**
 * Whether the status says that nothing a recovery alert was raised for is waiting for staff any
 * more, so every recovery alert of the kiosk (`isRecoveryAlertKey`, whatever its code) is resolved:
 * the kiosk is placed by its devices (in service, degraded, or out of service for a device or an
 * operator's hold: those have alerts of their own) and not for its self test. A kiosk still held by
 * it reads out of service with SELF_TEST_FAILED (an operator's hold stays behind it); in
 * maintenance, in its self test, after a self test that timed out (its recovery may still run) or
 * in a mode this monitor does not know, it is not settled yet.
 */
export function recoverySettledBy(status: OnlineStatus): boolean {
  return (
    PLACED_MODES.has(status.mode) && !(status.reason !== undefined && SELF_TEST_REASONS.has(status.reason))
  );
}

/**
 * Whether a status that does not name a card or notes left (`reason`, a `leftAtKiosk` alert's) and
 * carries no list of its reasons (`reasons`: a kiosk of a release before it, or one not placed by
 * its reasons) says they are gone. Such a status carries one reason, the first of the kiosk's
 * (domain's `DEVICE_REASON_ORDER`, an operator's hold or a self test before them all), so it says so
 * only when the left reason would have shown: the kiosk placed by its devices with no reason, or
 * with a device reason that stands after it. A reason before it (the reader down before a card left
 * in it), an operator's hold, a self test, a reason this monitor does not know, maintenance or a
 * start may stand in front of it: the alert stays until a status could show it and does not. A
 * status with the list says it whole: a reason it leaves out is gone (`goneByStatus`).
 */
function leftAtKioskGone(status: OnlineStatus, reason: string): boolean {
  if (!PLACED_MODES.has(status.mode)) return false;
  if (status.reason === undefined) return true;
  const order: readonly string[] = DEVICE_REASON_ORDER;
  const left = order.indexOf(reason);
  return left >= 0 && order.indexOf(status.reason) > left;
}

/** Whether the status says an active alert's cause is gone (its key no longer wanted, a recovery settled). */
export function goneByStatus(status: OnlineStatus, key: string, wantedKeys: ReadonlySet<string>): boolean {
  if (key.startsWith(LEFT_AT_KIOSK_KEY_PREFIX))
    return (
      !wantedKeys.has(key) &&
      (status.reasons !== undefined || leftAtKioskGone(status, key.slice(LEFT_AT_KIOSK_KEY_PREFIX.length)))
    );
  if (isStatusAlertKey(key)) return !wantedKeys.has(key);
  // a kiosk that lists the acts left for staff says every one still waiting; one that does not
  // list them (an older kiosk, recovery not read yet) says nothing of them: events raise and resolve
  if (key.startsWith(SUPPLY_ACT_KEY_PREFIX))
    return status.supplyActsLeft !== undefined && !wantedKeys.has(key);
  // likewise a kiosk that counts the withdrawals left (none: the supervisor settled them)
  if (key === WITHDRAWAL_LEFT_KEY) return status.withdrawalsLeft !== undefined && !wantedKeys.has(key);
  return isRecoveryAlertKey(key) && recoverySettledBy(status);
}
