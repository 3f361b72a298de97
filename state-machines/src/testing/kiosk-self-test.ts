/** Test support: the kiosk machine placed by a self test, as pure transitions. */
import type { DeviceStatus } from '@kiosk/domain';
import { initialTransition, transition, type AnyEventObject } from 'xstate';
import { kioskMachine, type KioskEvent } from '../kiosk/kiosk.machine.js';
import { healthyKiosk } from './device-statuses.js';

/** The kiosk's self test finished with these device statuses. */
export const selfTestDone = (statuses: DeviceStatus[]): KioskEvent =>
  ({ type: 'xstate.done.actor.selfTest', output: statuses }) as AnyEventObject as KioskEvent;

/**
 * The kiosk's state after it booted and its self test found `statuses`; `before`: events the
 * kiosk was sent while the self test ran.
 */
export function afterSelfTest(statuses: DeviceStatus[], before: readonly KioskEvent[] = []) {
  let [s] = initialTransition(kioskMachine, {});
  [s] = transition(kioskMachine, s, { type: 'BOOTED' });
  for (const event of before) [s] = transition(kioskMachine, s, event);
  [s] = transition(kioskMachine, s, selfTestDone(statuses));
  return s;
}

/** A healthy kiosk placed in service by its self test, then sent `events` in order. */
export function healthyKioskThen(...events: readonly KioskEvent[]) {
  let s = afterSelfTest(healthyKiosk());
  for (const event of events) [s] = transition(kioskMachine, s, event);
  return s;
}
