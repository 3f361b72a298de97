/**
 * The events of the kiosk's root machine (`kiosk.machine.ts`): the daemon's, field staff's and the
 * fleet operator's.
 */
import type { DeviceStatus } from '@kiosk/domain';

export type KioskEvent =
  | { type: 'BOOTED' }
  | { type: 'DEVICES_CHANGED'; statuses: readonly DeviceStatus[] }
  | { type: 'MAINTENANCE_ENTER' }
  | { type: 'MAINTENANCE_EXIT' }
  /** staff end the visit and release an operator's hold: placed by the devices after the self test */
  | { type: 'MAINTENANCE_RETURN_TO_SERVICE' }
  | { type: 'OPERATOR_STOP'; reason: string }
  | { type: 'OPERATOR_RESUME' }
  /** a session ended with its card left in the reader (card.unaccounted, ADR 0016) */
  | { type: 'CARD_LEFT_IN_READER' }
  /** that card was taken from the slot or retracted: the reader takes cards again */
  | { type: 'CARD_LEFT_CLEARED' }
  /** notes wait in the cash dispenser's presenter with no session running (a failed retract's) */
  | { type: 'CASH_LEFT_IN_PRESENTER' }
  /** the presenter is empty again (taken, retracted, settled by staff): withdrawals come back */
  | { type: 'CASH_LEFT_CLEARED' }
  /** a new card left at the card printer's slot is unsettled in the journal (`card.leftAtSlot`) */
  | { type: 'NEW_CARD_LEFT_AT_SLOT' }
  /** settled since (recovery or staff): card making comes back */
  | { type: 'NEW_CARD_LEFT_CLEARED' }
  /**
   * what the failed self test's recovery left undecided was settled since, without field staff
   * (a withdrawal left for the dispenser's silence, settled once it answered, ADR 0020): placed by
   * these statuses
   */
  | { type: 'RECOVERY_SETTLED'; statuses: readonly DeviceStatus[] }
  /**
   * the daemon settles a withdrawal left for the dispenser while no self test failed (the late
   * sweep's, ADR 0020): nothing is offered until it is done, never taken while the self test failed
   * (held already) or timed out (its recovery may still run), nor in maintenance
   */
  | { type: 'LATE_SETTLEMENT_HOLD' }
  /** that settlement is over (settled or not): placed by these statuses */
  | { type: 'LATE_SETTLEMENT_DONE'; statuses: readonly DeviceStatus[] };
