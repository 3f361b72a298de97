/**
 * What the kiosk tells the fleet, as pure functions of what the daemon already knows: the
 * retained status from the kiosk view and the device statuses, fault events from a change of
 * device states, `recoveryNeedsStaff` from a self test that failed or timed out, journey
 * outcomes and retracts from how a session ended. Only codes, levels, counts and durations leave the kiosk: never a
 * name, an ID number or a card number.
 */
import { ServiceReason, type DeviceKind, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { JOURNEY_OUTCOMES, MAX_REASONS, MAX_SUPPLY_ACTS_LEFT } from '@kiosk/fleet-monitor/contract';
import type { KioskEventInput, KioskStatusInput } from '../mqtt/fleet-publisher.js';
import type { SessionEnded } from '../../sessions/sessions.service.js';

/** The contract's code and supply-name shapes: anything else is left out rather than sent. */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const SUPPLY_NAME = /^[A-Za-z][A-Za-z0-9:_-]{0,39}$/;
/** a supply's name as an event or a supply act left for staff names it */
const SUPPLY_ACT_SUPPLY = /^[A-Za-z][A-Za-z0-9:_-]{0,31}$/;
const MAX_SUPPLIES = 16;

const USABLE = new Set(['online', 'busy']);

/** What the journal counts of the devices that the fleet is told beside their own statuses. */
export interface JournalCounts {
  /** cards handed to residents ever (`journeys/cards-issued.ts`); undefined when never counted */
  readonly cardsIssued?: number;
  /**
   * the staff supply acts left for staff's answer, every one (ADR 0022); undefined until read after
   * boot recovery, so a status sent before it says nothing of them rather than none
   */
  readonly supplyActsLeft?: readonly { readonly device: DeviceKind; readonly supply: string }[];
  /**
   * the withdrawals left for staff, open or closed (ADR 0004); undefined until read after boot
   * recovery, so a status sent before it says nothing of them rather than none
   */
  readonly withdrawalsLeft?: number;
}

export function toFleetStatus(
  view: KioskView,
  statuses: readonly DeviceStatus[],
  counts: JournalCounts = {},
): KioskStatusInput {
  return {
    mode: view.mode,
    ...(view.reason !== undefined && CODE.test(view.reason) && { reason: view.reason }),
    ...(causeOf(view) !== undefined && { cause: causeOf(view) }),
    ...(wholeReasonsOf(view) !== undefined && { reasons: wholeReasonsOf(view) }),
    journeysOffered: [...view.journeysOffered],
    devices: statuses.map((status) => ({
      kind: status.kind,
      device: status.device,
      supplies: status.supplies
        .filter((supply) => SUPPLY_NAME.test(supply.name))
        .slice(0, MAX_SUPPLIES)
        .map((supply) => ({
          name: supply.name,
          level: supply.level,
          ...(isCount(supply.count) && { count: supply.count }),
          ...(isCount(supply.capacity) && { capacity: supply.capacity }),
          ...(isCount(supply.threshold) && { threshold: supply.threshold }),
        })),
      ...(faultCodeOf(status) !== undefined && { faultCode: faultCodeOf(status) }),
      ...(status.kind === 'cardPrinter' && isCount(counts.cardsIssued) && { issued: counts.cardsIssued }),
    })),
    ...(counts.supplyActsLeft !== undefined && { supplyActsLeft: supplyActsLeftOf(counts.supplyActsLeft) }),
    ...(isCount(counts.withdrawalsLeft) && { withdrawalsLeft: counts.withdrawalsLeft }),
  };
}

/** What a failed self test came of, beside SELF_TEST_FAILED (not the visit after it), when a code; else none. */
function causeOf(view: KioskView): string | undefined {
  return view.reason === ServiceReason.SELF_TEST_FAILED && view.cause !== undefined && CODE.test(view.cause)
    ? view.cause
    : undefined;
}

/**
 * Every reason the kiosk holds (`view.reasons`), its first being the status's reason, when the
 * kiosk gives the list; none when it does not or when the list would not be whole as the contract
 * takes it (a reason not of a code's form, more than it holds): the fleet clears a card-left alert
 * whose reason a list leaves out, so a list that is not whole is not sent.
 */
function wholeReasonsOf(view: KioskView): string[] | undefined {
  const reasons = view.reasons;
  if (reasons === undefined || reasons[0] !== view.reason || reasons.length > MAX_REASONS) return undefined;
  return reasons.every((reason) => CODE.test(reason)) ? [...reasons] : undefined;
}

/** One entry per supply (the fleet keeps one alert per supply), of the contract's form, in order. */
function supplyActsLeftOf(acts: NonNullable<JournalCounts['supplyActsLeft']>) {
  const seen = new Set<string>();
  return acts
    .filter(({ device, supply }) => {
      const key = `${device}/${supply}`;
      if (!SUPPLY_ACT_SUPPLY.test(supply) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_SUPPLY_ACTS_LEFT)
    .map(({ device, supply }) => ({ device, supply }));
}

function isCount(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 0;
}

/** The device's own fault code when it is a code; else one named after its state; none when usable. */
function faultCodeOf(status: DeviceStatus): string | undefined {
  if (USABLE.has(status.device) || status.device === 'noDevice') return undefined;
  if (status.fault && CODE.test(status.fault.code)) return status.fault.code;
  return status.device === 'offline' || status.device === 'powerOff'
    ? 'DEVICE_OFFLINE'
    : 'DEVICE_HARDWARE_ERROR';
}

/**
 * Fault events between two sets of device statuses: `deviceFault` when a device enters a fault
 * (or its fault code changes), `faultCleared` when it is usable again. `before` undefined: the
 * kiosk just started, so every device in a fault now is reported.
 */
export function faultEvents(
  before: readonly DeviceStatus[] | undefined,
  after: readonly DeviceStatus[],
): KioskEventInput[] {
  const events: KioskEventInput[] = [];
  const previous = new Map<DeviceKind, DeviceStatus>((before ?? []).map((s) => [s.kind, s]));
  for (const status of after) {
    const code = faultCodeOf(status);
    const old = previous.get(status.kind);
    const oldCode = old ? faultCodeOf(old) : undefined;
    if (code !== undefined && code !== oldCode)
      events.push({ type: 'deviceFault', device: status.kind, code });
    else if (code === undefined && oldCode !== undefined && USABLE.has(status.device))
      events.push({ type: 'faultCleared', device: status.kind });
  }
  return events;
}

/** The kiosk's reasons for a self test that holds it out of service until staff come (ADR 0004). */
const HELD_BY_SELF_TEST: ReadonlySet<string> = new Set([
  ServiceReason.SELF_TEST_FAILED,
  ServiceReason.SELF_TEST_TIMEOUT,
]);

/**
 * `recoveryNeedsStaff` when the kiosk's self test failed (recovery left something for staff:
 * SELF_TEST_FAILED) or did not finish in time (SELF_TEST_TIMEOUT), with that reason as its code,
 * and it was not so before: at start (`before` undefined), and at every later self test that fails
 * or times out (field staff's, an operator's), with what the failure came of (`cause`), since the fleet resolves the alert once the kiosk is
 * placed again (ADR 0004). Held by it through maintenance and back, it is told again; the fleet
 * keeps one alert per code.
 */
export function recoveryEvents(before: KioskView | undefined, after: KioskView): KioskEventInput[] {
  const held = (view: KioskView | undefined): string | undefined =>
    view?.reason !== undefined && HELD_BY_SELF_TEST.has(view.reason) ? view.reason : undefined;
  const code = held(after);
  const cause = causeOf(after);
  return code !== undefined && code !== held(before)
    ? [{ type: 'recoveryNeedsStaff', code, ...(cause !== undefined && { cause }) }]
    : [];
}

const OUTCOMES: ReadonlySet<string> = new Set(JOURNEY_OUTCOMES);

/** The journey's outcome, and a retract when the resident left a card or notes behind. */
export function sessionEvents(ended: SessionEnded): KioskEventInput[] {
  const code = ended.code !== null && CODE.test(ended.code) ? ended.code : undefined;
  const outcome = OUTCOMES.has(ended.outcome)
    ? (ended.outcome as (typeof JOURNEY_OUTCOMES)[number])
    : 'failed';
  const retracted = ended.outcome === 'cardRetracted' || code === 'CARD_NOT_TAKEN_RETRACTED';
  const outcomeCode = code ?? (retracted ? 'CARD_NOT_TAKEN_RETRACTED' : undefined);
  const events: KioskEventInput[] = [
    {
      type: 'journeyOutcome',
      journey: ended.journey,
      outcome,
      ...(outcomeCode !== undefined && { code: outcomeCode }),
      durationMs: Math.max(0, Math.round(ended.durationMs)),
    },
  ];
  if (retracted)
    events.push({ type: 'retract', device: 'cardReader', item: 'card', code: 'CARD_NOT_TAKEN_RETRACTED' });
  if (code === 'CASH_NOT_TAKEN')
    events.push({ type: 'retract', device: 'cashDispenser', item: 'notes', code: 'CASH_NOT_TAKEN' });
  // RULES.md, anomaly monitoring: what the kiosk meets of it is flagged to the fleet as well
  if (code !== undefined && RESIDENT_ANOMALIES.has(code)) events.push({ type: 'anomaly', code });
  // a PIN locked and the card then not taken (retracted): the lock is the fleet's alert all the
  // same, the only one of it (the host's flag of the lock is not told on: `toldByKiosk`)
  else if (ended.pinLocked) events.push({ type: 'anomaly', code: 'PIN_BLOCKED' });
  return events;
}

/** Session ends the fleet raises an anomaly alert for: held by the host, a PIN locked, cash left. */
const RESIDENT_ANOMALIES: ReadonlySet<string> = new Set(['ANOMALY_BLOCKED', 'PIN_BLOCKED', 'CASH_NOT_TAKEN']);
