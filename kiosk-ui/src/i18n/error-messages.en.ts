import type { ErrorMessages } from './error-messages';
import { askStaff, tryAgain, otherKiosk } from './error-advice.en';
import { errorMessagesHostEn } from './host-error-messages.en';
import { errorMessagesOperationsEn } from './operations-error-messages.en';

export const errorMessagesEn: ErrorMessages = {
  GATEWAY_MALFORMED_MESSAGE: {
    what: 'The screen sent a request the kiosk did not understand.',
    next: tryAgain,
  },
  GATEWAY_MESSAGE_TOO_LARGE: { what: 'The request was too large.', next: tryAgain },
  GATEWAY_UNKNOWN_EVENT: { what: 'The kiosk does not know this request.', next: tryAgain },
  GATEWAY_NOT_ALLOWED: {
    what: 'This action is not allowed now.',
    next: 'Please follow the steps on the screen.',
  },
  DEMO_IMAGE_NOT_FOUND: {
    what: 'The demo panel asked for a picture the kiosk no longer keeps.',
    next: 'Please follow the steps on the screen.',
  },
  UI_CHUNK_LOAD_FAILED: {
    what: 'A part of this screen could not be loaded from the kiosk.',
    next: 'Press Try again. If it happens again, restart the kiosk.',
  },
  SESSION_BUSY: { what: 'The kiosk is busy with another step.', next: 'Please wait a moment and try again.' },
  SESSION_NOT_FOUND: { what: 'There is no service in progress.', next: 'Please choose a service to start.' },
  SESSION_TIMED_OUT: {
    what: 'The time for this step ran out.',
    next: 'Please start again when you are ready.',
  },
  SESSION_CANCELLED: { what: 'The service was cancelled.', next: 'You can start a new service at any time.' },
  SESSION_INTERRUPTED: {
    what: 'The service was interrupted and stopped safely.',
    next: 'Please start again. If you are unsure whether it was done, ask the staff.',
  },
  JOURNEY_NOT_OFFERED: { what: 'This service is not available at this kiosk now.', next: otherKiosk },
  ID_NUMBER_MALFORMED: {
    what: 'The ID number is not complete or not valid.',
    next: 'Please check your ID card.',
  },
  ID_NUMBER_CHECKSUM: {
    what: 'The ID number does not check out.',
    next: 'Please check your ID card. ' + askStaff,
  },
  ID_NUMBER_BAD_DATE: { what: 'The birth date in the ID number is not valid.', next: askStaff },
  ID_NUMBER_UNKNOWN_REGION: { what: 'The ID number is from an unknown region.', next: askStaff },
  CARD_UNREADABLE: {
    what: 'The card could not be read.',
    next: 'Take the card out, check it is face up and chip first, and insert it again.',
  },
  CARD_MUTE: { what: 'The card chip does not answer.', next: 'The chip may be damaged. ' + askStaff },
  CARD_REMOVED: {
    what: 'The card was taken out too early.',
    next: 'Please insert the card again and leave it in until asked.',
  },
  CARD_NOT_SOCIAL_SECURITY: {
    what: 'This is not a social-security card.',
    next: 'Please insert your social-security card.',
  },
  CARD_EXPIRED: {
    what: 'This card has expired.',
    next: 'You can get a replacement card at this kiosk or at a counter.',
  },
  // the host answers this for a card not activated yet and for one reported lost alike
  CARD_NOT_ACTIVE: {
    what: 'This card cannot be used now: it is not activated yet, or it was reported lost.',
    next: 'A new card: choose "Activate card". A card reported lost: choose "Report a lost card" to unfreeze it, or "Replace a card". Or ask the staff.',
  },
  CARD_ALREADY_ACTIVE: {
    what: 'This card is activated already.',
    next: 'To choose a new PIN, choose "Change PIN"; if you forgot the PIN, choose "Reset PIN".',
  },
  CARD_REPORTED_LOST: {
    what: 'This card was reported lost, so it cannot be activated.',
    next: 'Found it again? A temporary loss: choose "Report a lost card" to unfreeze it. Otherwise choose "Replace a card", or go to a counter.',
  },
  CARD_CANCELLED: {
    what: 'This card was cancelled and can no longer be used.',
    next: 'Please use your newest card, or go to a counter.',
  },
  ACTIVATION_UNFINISHED: {
    what: 'The activation of this card did not finish: the card may already hold a new PIN.',
    next: 'Insert the card again and choose "Reset PIN" with your ID card: it sets your PIN and finishes the activation.',
  },
  CARD_OTHER_REGION: {
    what: 'This card was issued in another region.',
    next: 'Please go to a counter of the region that issued the card.',
  },
  CARD_DATA_CORRUPT: {
    what: 'The data on the card is damaged.',
    next: 'Please replace the card. ' + askStaff,
  },
  CARD_RECORDS_PRINT_REQUIRED: {
    what: 'The card needs its records printed before it can be used again.',
    next: 'Choose "Account records" and print them.',
  },
  CARD_NOT_TAKEN_RETRACTED: {
    what: 'The card was not taken and the kiosk kept it.',
    next: 'Please ask the staff to give it back to you.',
  },
  CARD_LEFT_IN_SLOT: {
    what: 'Your card is still in the slot.',
    next: 'Please take your card from the slot now.',
  },
  CARD_NOT_FOUND: { what: 'This card is not known to the social-security office.', next: askStaff },
  ID_MISMATCH: {
    what: 'The ID card does not belong to the holder of this card.',
    next: 'Please use your own ID card and card.',
  },
  PIN_WRONG: { what: 'The PIN is wrong.', next: 'Please enter the PIN again.' },
  PIN_BLOCKED: {
    what: 'The PIN is blocked after too many wrong tries.',
    next: 'Choose "Reset PIN" with your ID card, or ask the staff.',
  },
  // found locked as the card was read: no PIN was asked (`pin.lockedNextAtCounter` where no reset is offered)
  PIN_ALREADY_BLOCKED: {
    what: 'The PIN of this card is locked: it was entered wrong too many times before.',
    next: 'Take your card back, then choose "Reset PIN" with your ID card; your face is checked too.',
  },
  PIN_WEAK: {
    what: 'This PIN is too easy to guess.',
    next: 'Choose digits that are not all the same, not in a row and not your birth date.',
  },
  PIN_MISMATCH: { what: 'The two PINs are not the same.', next: 'Please enter the new PIN twice again.' },
  PIN_ENTRY_CANCELLED: { what: 'PIN entry was cancelled.', next: 'You can start again at any time.' },
  PIN_BLOCK_PAN_INVALID: { what: 'The card number cannot protect the PIN.', next: askStaff },
  ...errorMessagesHostEn,
  RESIDENT_NOT_FOUND: { what: 'No record was found for you.', next: askStaff },
  ACCOUNT_NOT_FOUND: { what: 'No personal account was found for this card.', next: askStaff },
  DEVICE_OFFLINE: { what: 'A part of the kiosk is not working.', next: otherKiosk },
  DEVICE_BUSY: { what: 'A part of the kiosk is busy.', next: 'Please wait a moment and try again.' },
  DEVICE_TIMEOUT: { what: 'A part of the kiosk did not answer in time.', next: tryAgain },
  DEVICE_HARDWARE_ERROR: { what: 'A part of the kiosk has a fault.', next: otherKiosk },
  DEVICE_PROTOCOL_ERROR: { what: 'A part of the kiosk sent something unexpected.', next: tryAgain },
  DEVICE_SUPPLY_EMPTY: { what: 'The kiosk has run out of supplies.', next: otherKiosk },
  DEVICE_BIN_FULL: { what: 'A bin in the kiosk is full.', next: otherKiosk },
  DEVICE_OPERATION_CANCELLED: {
    what: 'The operation was stopped.',
    next: 'You can start again at any time.',
  },
  CARD_READER_JAM: { what: 'The card reader jammed; your card is inside the kiosk.', next: askStaff },
  CARD_POSITION_UNKNOWN: {
    what: 'The card reader has not said whether a card is inside; the kiosk waits for the staff.',
    next: askStaff,
  },
  CASH_AMOUNT_NOT_PAYABLE: {
    what: 'The kiosk cannot pay out this amount with the notes it holds.',
    next: 'Please choose another amount.',
  },
  CASH_JAM: {
    what: 'The cash dispenser jammed. Any amount not paid out is not taken from your account.',
    next: askStaff,
  },
  CASH_DOUBLE_NOTES: {
    what: 'The cash dispenser could not count the notes. Any amount not paid out is not taken from your account.',
    next: askStaff,
  },
  CASH_NOT_TAKEN: {
    what: 'The cash was not taken and the kiosk kept it. It goes back to your account.',
    next: 'Please check your balance later. ' + askStaff,
  },
  CASH_PARTLY_TAKEN: { what: 'Part of the cash was taken and the kiosk kept the rest.', next: askStaff },
  CASH_CASSETTE_MISSING: { what: 'The kiosk has no cash ready.', next: otherKiosk },
  CASH_NOTHING_TO_PRESENT: { what: 'There is no cash to hand out.', next: askStaff },
  ID_CARD_ABSENT: {
    what: 'No ID card was found on the reader.',
    next: 'Place your resident ID card on the reader and keep it there.',
  },
  ID_CARD_UNREADABLE: {
    what: 'The ID card could not be read.',
    next: 'Place the ID card flat on the reader again.',
  },
  ID_CARD_EXPIRED: {
    what: 'Your ID card has expired.',
    next: 'Please renew your ID card first, or go to a counter.',
  },
  ID_CARD_REMOVED: {
    what: 'Your ID card was taken off the reader, so the payment was stopped and no card was made. A payment made just now is refunded.',
    next: 'To get your card, start again and keep your ID card on the reader until the card is made.',
  },
  FACE_NOT_DETECTED: {
    what: 'No face was seen by the camera.',
    next: 'Stand in front of the screen, look at the camera and hold still.',
  },
  CARD_MAKING_FAILED: {
    what: 'Your card could not be made at this kiosk.',
    next: 'Please go to a service counter with your ID card.',
  },
  CARD_PRINTER_JAM: { what: 'The card printer jammed.', next: askStaff },
  CARD_PRINTER_NO_CARD: { what: 'The kiosk has no blank cards.', next: otherKiosk },
  CARD_PRINTER_COVER_OPEN: { what: 'The card printer cover is open.', next: askStaff },
  PRINTER_COVER_OPEN: { what: 'The receipt printer cover is open.', next: askStaff },
  PRINTER_CUTTER_ERROR: { what: 'The receipt printer cannot cut the paper.', next: askStaff },
  RECEIPT_INVALID: {
    what: 'The receipt could not be printed.',
    next: 'Your service is done; ' + 'ask the staff if you need a printed receipt.',
  },
  CARD_STATE_CONFLICT: { what: 'The card is not in a state that allows this service.', next: askStaff },
  CARD_CHIP_MISMATCH: { what: 'The chip of this card does not match the card’s record.', next: askStaff },
  INSUFFICIENT_BALANCE: {
    what: 'The balance of your personal account is not enough.',
    next: 'Please choose a smaller amount.',
  },
  WITHDRAWAL_AMOUNT_INVALID: {
    what: 'This amount cannot be withdrawn.',
    next: 'Please choose another amount.',
  },
  WITHDRAWAL_SINGLE_CAP_EXCEEDED: {
    what: 'The amount is more than one withdrawal allows.',
    next: 'Please choose a smaller amount.',
  },
  WITHDRAWAL_DAILY_CAP_EXCEEDED: {
    what: 'The amount is more than today’s limit allows.',
    next: 'Please choose a smaller amount or come back tomorrow.',
  },
  WITHDRAWAL_DAILY_COUNT_EXCEEDED: {
    what: 'You have reached the number of withdrawals allowed today.',
    next: 'Please come back tomorrow.',
  },
  WITHDRAWAL_NOT_NOTE_MULTIPLE: {
    what: 'The kiosk can only pay whole notes.',
    next: 'Please choose an amount in the steps the amount screen shows.',
  },
  WITHDRAWAL_SPECIAL_AT_COUNTER: {
    what: 'This kind of withdrawal needs papers checked at a counter.',
    next: 'Please go to a service counter with your papers.',
  },
  WITHDRAWAL_NOT_FOUND: { what: 'The withdrawal could not be found.', next: askStaff },
  WITHDRAWAL_ALREADY_SETTLED: {
    what: 'This withdrawal was already completed.',
    next: 'Please check your balance. ' + askStaff,
  },
  WITHDRAWAL_PAID_ABOVE_HOLD: {
    what: 'Staff counted more cash paid than the office still held for this withdrawal; only the held amount was charged.',
    next: 'Staff: reconcile the difference with the office; the kiosk journal names the transaction.',
  },
  ANOMALY_BLOCKED: {
    what: 'This service is paused on your card for your safety.',
    next: 'Please go to a service counter with your ID card.',
  },
  // the host's verdicts go to the fleet; should one reach a screen, the resident reads the hold's words
  ANOMALY_PIN_FAILURES: {
    what: 'This service is paused on your card for your safety.',
    next: 'Please go to a service counter with your ID card.',
  },
  ANOMALY_NEAR_CAP_DAYS: {
    what: 'This service is paused on your card for your safety.',
    next: 'Please go to a service counter with your ID card.',
  },
  ANOMALY_SAME_CARD_TWO_KIOSKS: {
    what: 'This service is paused on your card for your safety.',
    next: 'Please go to a service counter with your ID card.',
  },
  ANOMALY_RETRACTED_CASH: {
    what: 'This service is paused on your card for your safety.',
    next: 'Please go to a service counter with your ID card.',
  },
  APPLICATION_NOT_FOUND: {
    what: 'No card application was found for you.',
    next: 'Please apply at a service counter first.',
  },
  APPLICATION_STATE_CONFLICT: { what: 'Your card application is not ready for this step.', next: askStaff },
  FEE_NOT_PAID: {
    what: 'The card fee has not been paid.',
    next: 'Please pay the fee first, then try again.',
  },
  PAYMENT_NOT_FOUND: {
    what: 'The payment could not be found.',
    next: 'Please pay again or ask the staff for help.',
  },
  PAYMENT_STATE_CONFLICT: { what: 'The payment is not in a state that allows this step.', next: askStaff },
  PAYMENT_ORDER_CLOSED: {
    what: 'This payment code is closed: the kiosk stopped waiting for it, nothing was charged.',
    next: 'Start again at the kiosk to get a new payment code.',
  },
  FACE_NOT_MATCHED: {
    what: 'Your face did not match the ID card photo.',
    next: 'Look straight at the camera without glasses or a mask and try again.',
  },
  ...errorMessagesOperationsEn,
  INTERNAL: { what: 'Something unexpected happened. The kiosk is in a safe state.', next: tryAgain },
};
