/**
 * How the kiosk machine (`kiosk.machine.ts`) answers out of service. A self test that failed or
 * timed out holds it there until field staff run the self test again through maintenance: the
 * devices, the operator and what is left behind are recorded but do not place it. Out of service
 * for any other reason (the devices, the operator's hold), each change places it again as in
 * service; a failure's cause settled since (RECOVERY_SETTLED) places it as after a self test.
 */
import { not } from 'xstate';
import { cardLeftTransitions, cashLeftTransitions, newCardLeftTransitions } from './kiosk-placing.js';

/**
 * What is left behind, held by a failed self test: recorded (the placing's first action) and
 * placing nothing; otherwise placed again as in service.
 */
function heldBySelfTest<T extends { readonly actions: readonly [string, ...string[]] }>(
  placed: T,
): readonly [{ readonly guard: 'selfTestFailed'; readonly actions: T['actions'][0] }, T] {
  return [{ guard: 'selfTestFailed', actions: placed.actions[0] }, placed];
}

/**
 * The out-of-service state's transitions; OPERATOR_RESUME, held the same way, stays in the machine,
 * where its inline assign is typed.
 */
export const outOfServiceTransitions = {
  // a failed self test (recovery could not settle a transaction) holds until field staff run
  // it again through maintenance: devices coming and going do not put the kiosk back in service
  DEVICES_CHANGED: [
    { guard: 'selfTestFailed', actions: 'recordStatusesOnly' },
    { target: 'placing', actions: 'recordStatuses' },
  ],
  MAINTENANCE_ENTER: 'maintenance',
  OPERATOR_STOP: [
    { guard: 'selfTestFailed', actions: 'recordOperatorStop' },
    { target: 'placing', actions: 'recordOperatorStop' },
  ],
  CARD_LEFT_IN_READER: heldBySelfTest(cardLeftTransitions.CARD_LEFT_IN_READER),
  CARD_LEFT_CLEARED: heldBySelfTest(cardLeftTransitions.CARD_LEFT_CLEARED),
  CASH_LEFT_IN_PRESENTER: heldBySelfTest(cashLeftTransitions.CASH_LEFT_IN_PRESENTER),
  CASH_LEFT_CLEARED: heldBySelfTest(cashLeftTransitions.CASH_LEFT_CLEARED),
  NEW_CARD_LEFT_AT_SLOT: heldBySelfTest(newCardLeftTransitions.NEW_CARD_LEFT_AT_SLOT),
  NEW_CARD_LEFT_CLEARED: heldBySelfTest(newCardLeftTransitions.NEW_CARD_LEFT_CLEARED),
  // the failure's cause settled since (never a timed-out self test: its recovery may still
  // run): placed by the devices as after a self test; elsewhere it changes nothing
  RECOVERY_SETTLED: { guard: 'failedByRecovery', target: 'placing', actions: 'recordStatuses' },
  LATE_SETTLEMENT_HOLD: { guard: not('selfTestFailed'), target: 'lateSettlement' },
} as const;
