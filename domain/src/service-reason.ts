/**
 * Why a journey is not offered, or the kiosk not in service at all: a stable code the kiosk machine
 * decides (state-machines, from device health and supplies, its self test, field staff, an
 * operator's hold), the kiosk screen and the fleet dashboard put in words, and the fleet counts.
 * It travels as the status's `reason`, a `recoveryNeedsStaff` event's code and a maintenance
 * event's code. Here, where the kiosk and the dashboard both depend, so that a new reason without
 * words fails the dashboard's typecheck (as ErrorCode does).
 */
export const ServiceReason = {
  CARD_READER_DOWN: 'CARD_READER_DOWN',
  PIN_PAD_DOWN: 'PIN_PAD_DOWN',
  ID_READER_DOWN: 'ID_READER_DOWN',
  CAMERA_DOWN: 'CAMERA_DOWN',
  CARD_PRINTER_DOWN: 'CARD_PRINTER_DOWN',
  CARD_STOCK_EMPTY: 'CARD_STOCK_EMPTY',
  RIBBON_EMPTY: 'RIBBON_EMPTY',
  REJECT_BIN_FULL: 'REJECT_BIN_FULL',
  CASH_DISPENSER_DOWN: 'CASH_DISPENSER_DOWN',
  CASH_EMPTY: 'CASH_EMPTY',
  RETRACT_BIN_FULL: 'RETRACT_BIN_FULL',
  /** the cash dispenser's reject bin (not the card printer's, REJECT_BIN_FULL) */
  CASH_REJECT_BIN_FULL: 'CASH_REJECT_BIN_FULL',
  RECEIPT_PRINTER_DOWN: 'RECEIPT_PRINTER_DOWN',
  PAPER_EMPTY: 'PAPER_EMPTY',
  SELF_TEST_FAILED: 'SELF_TEST_FAILED',
  SELF_TEST_TIMEOUT: 'SELF_TEST_TIMEOUT',
  MAINTENANCE: 'MAINTENANCE',
  /** an operator took the kiosk out of service from the fleet monitor */
  REMOTE_OUT_OF_SERVICE: 'REMOTE_OUT_OF_SERVICE',
  /**
   * the card reader holds a card no session owns (a card move it did not answer, or a retract that
   * failed, ADR 0016): it refuses every card inserted until the card is taken, retracted or cleared
   */
  CARD_LEFT_IN_READER: 'CARD_LEFT_IN_READER',
  /**
   * the card reader's capture bin is full: a card not taken back could not be retracted
   * (DEVICE_BIN_FULL), so the journeys that take a card into the reader are held back until emptied
   */
  CARD_CAPTURE_BIN_FULL: 'CARD_CAPTURE_BIN_FULL',
  /**
   * notes wait in the cash dispenser's presenter with no session running (a withdrawal's retract
   * that failed, `cash.leftInPresenter`): every dispense would be refused, so withdrawals are held
   * back until the presenter is empty (taken, retracted, or settled by staff); likewise while the
   * journal, having refused that step, still owes it
   */
  CASH_LEFT_IN_PRESENTER: 'CASH_LEFT_IN_PRESENTER',
  /**
   * a new card a card making left at the card printer's slot, its retract not done by the offline
   * or silent printer (`card.leftAtSlot`), is not settled yet: a card making now would be refused
   * its feed and reject that card under another resident's transaction, so card making is held back
   * until recovery or staff settle it (ADR 0008)
   */
  NEW_CARD_LEFT_AT_SLOT: 'NEW_CARD_LEFT_AT_SLOT',
} as const;
export type ServiceReason = (typeof ServiceReason)[keyof typeof ServiceReason];
