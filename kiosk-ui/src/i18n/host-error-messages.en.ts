/**
 * The English words of the codes of the social-security office's answers and of the link
 * to it (HOST_*): unreachable, refused, or an answer in a state the kiosk does not know. Taken
 * into `error-messages.en` under the same keys, in the same order.
 */
import type { ErrorMessages } from './error-messages';
import { askStaff, otherKiosk } from './error-advice.en';

export const errorMessagesHostEn: ErrorMessages = {
  HOST_UNREACHABLE: {
    what: 'The social-security office cannot be reached.',
    next: 'Please try again later or go to a counter.',
  },
  HOST_TIMEOUT: {
    what: 'The social-security office did not answer in time.',
    next: 'Please try again later or go to a counter.',
  },
  HOST_UNAUTHORIZED: { what: 'This kiosk is not allowed to reach the office.', next: otherKiosk },
  HOST_REJECTED: { what: 'The social-security office refused the request.', next: askStaff },
  HOST_BAD_RESPONSE: {
    what: 'The office sent an answer the kiosk cannot read.',
    next: 'Please try again later or go to a counter.',
  },
  HOST_BAD_REQUEST: { what: 'The office could not accept the request.', next: askStaff },
  HOST_ROUTE_NOT_FOUND: { what: 'The office does not offer this service here.', next: askStaff },
  HOST_IDEMPOTENCY_KEY_REUSED: {
    what: 'This request was already sent once.',
    next: 'Please check your account before trying again. ' + askStaff,
  },
  HOST_UNKNOWN_CARD_STATE: {
    what: 'The office reports your card in a state this kiosk does not know, so it stopped here.',
    next: 'Please go to a service counter.',
  },
  HOST_UNKNOWN_APPLICATION: {
    what: 'The office reports your card application in a form this kiosk does not know, so it stopped here.',
    next: 'Please go to a service counter.',
  },
  HOST_UNKNOWN_PAYMENT_STATUS: {
    what: 'The office reports the fee payment in a state this kiosk does not know, so no card is made for it now.',
    next: 'Keep your payment record and go to a service counter: the fee is checked there, and given back if it was not used.',
  },
  HOST_UNKNOWN_WITHDRAWAL_STATUS: {
    what: 'The office reports this withdrawal in a state this kiosk does not know, so the kiosk stopped.',
    next: 'No cash moves until the office answers clearly; the kiosk settles this withdrawal with the office itself, never twice. Keep any receipt: if your account later shows money taken that you did not receive, ask the staff at a service counter.',
  },
  // staff and the fleet only (ADR 0025): never shown to a resident
  HOST_ACT_ABANDONED: {
    what: 'A report or settlement owed to the office was not answered for longer than the journal keeps records, so the kiosk gave it up.',
    next: 'Staff: settle it with the office; the kiosk log names the transaction.',
  },
};
