/**
 * The English words of the codes of the kiosk's operation rather than a resident's journey: its
 * settings, its journal, the fleet monitor, field staff's maintenance mode and the fleet's commands.
 * Residents rarely meet them (a journal that cannot be written stops the kiosk), staff and operators
 * do; every code has words all the same. Taken into `error-messages.en` under the same keys, in
 * the same order.
 */
import type { ErrorMessages } from './error-messages';
import { otherKiosk } from './error-advice.en';

export const errorMessagesOperationsEn: ErrorMessages = {
  CONFIG_FILE_MISSING: { what: 'The kiosk is not set up.', next: otherKiosk },
  CONFIG_PARSE_FAILED: { what: 'The kiosk settings cannot be read.', next: otherKiosk },
  CONFIG_INVALID: { what: 'The kiosk settings are not valid.', next: otherKiosk },
  JOURNAL_WRITE_FAILED: { what: 'The kiosk cannot record the service safely.', next: otherKiosk },
  JOURNAL_READ_FAILED: { what: 'The kiosk cannot read its records safely.', next: otherKiosk },
  JOURNAL_KEY_MISSING: { what: 'The kiosk is not set up to protect its records.', next: otherKiosk },
  JOURNAL_KEY_INVALID: { what: 'The kiosk cannot protect its records.', next: otherKiosk },
  JOURNAL_SEAL_BROKEN: {
    what: 'The kiosk found its records changed and stopped for safety.',
    next: otherKiosk,
  },
  JOURNAL_BAD_RECORD: { what: 'The kiosk found a damaged record and stopped for safety.', next: otherKiosk },
  JOURNAL_IN_USE: {
    what: 'The kiosk cannot open its records: another program is using them.',
    next: otherKiosk,
  },
  JOURNAL_OPEN_FAILED: { what: 'The kiosk cannot open its records.', next: otherKiosk },
  // fleet and telemetry: not shown to residents in normal use, but every code has words
  FLEET_ALERT_UNKNOWN: { what: 'The fleet monitor does not know this alert.', next: otherKiosk },
  FLEET_BAD_REQUEST: { what: 'The fleet monitor refused a malformed request.', next: otherKiosk },
  FLEET_KIOSK_UNKNOWN: { what: 'The fleet monitor does not know this kiosk.', next: otherKiosk },
  FLEET_LOGIN_FAILED: { what: 'The fleet monitor refused the log-in.', next: otherKiosk },
  FLEET_EXTRACT_UNKNOWN: { what: 'The fleet monitor holds no such journal extract.', next: otherKiosk },
  JOURNAL_EXTRACT_TOO_LARGE: {
    what: 'The journal extract asked for is too large to send at once.',
    next: 'Ask for a shorter date range.',
  },
  STAFF_LOGIN_FAILED: {
    what: 'The staff card and PIN were not accepted.',
    next: 'Check the card and type the PIN again.',
  },
  STAFF_NOT_LOGGED_IN: {
    what: 'No member of staff with that role is logged in.',
    next: 'Log in with a staff card and PIN first.',
  },
  // what boot recovery left for staff: the self test's cause, said on the staff screen
  WITHDRAWAL_UNDECIDED: {
    what: 'A withdrawal cut short by a restart could not be decided: money may be owed to the resident. It is listed under “Withdrawals left for staff”.',
    next: 'A supervisor counts the cash and settles it there, then logs out: the self test runs again.',
  },
  CARD_MAKING_UNDECIDED: {
    what: 'A card making cut short by a restart could not be decided: where its card went is not known. It is listed under “Card makings left for staff”.',
    next: 'Look for the card and settle it there, then log out: the self test runs again.',
  },
  // maintenance mode (field staff)
  STAFF_ROLE_NOT_ALLOWED: {
    what: 'This action needs a member of staff with another role.',
    next: 'Ask a supervisor to log in.',
  },
  MAINTENANCE_COUNT_MISMATCH: {
    what: 'The count entered does not agree with the journal.',
    next: 'Count again and enter what you found.',
  },
  MAINTENANCE_SUPPLY_UNKNOWN: {
    what: 'This device has no such supply or bin.',
    next: 'Choose one from the menu.',
  },
  MAINTENANCE_FAULT_PERSISTS: {
    what: 'The fault is still there after the self test; the device stays out of service.',
    next: 'Put the fault right, then try again.',
  },
  MAINTENANCE_ALREADY_SETTLED: {
    what: 'A verdict was given for this already; it stands.',
    next: 'Look at the list again: only that verdict can be sent again.',
  },
  MAINTENANCE_SETTLEMENT_IN_PROGRESS: {
    what: 'This is being settled right now.',
    next: 'Wait a moment and look at the list again.',
  },
  MAINTENANCE_KIOSK_SETTLING: {
    what: 'The kiosk is still settling what it was doing before it started (its self test); refills, bins, faults, tests and settlements wait until it has finished.',
    next: 'Wait: this screen offers them again as soon as it is done.',
  },
  MAINTENANCE_OVER_CAPACITY: {
    what: 'This refill would put more in than it holds (a cassette or the card hopper: its capacity is shown beside its count; a printer holds one roll of paper, a ribbon the prints it was made with); nothing was loaded or recorded.',
    next: 'For a cassette or the hopper, load no more than its capacity less its count now; for paper or a ribbon, enter the one put in (one roll; the prints of the ribbon, no more than a ribbon holds).',
  },
  MAINTENANCE_SETTLEMENT_AMOUNT_INVALID: {
    what: 'The amount counted taken is no amount the kiosk can have paid (more than was presented, or no amount the notes make).',
    next: 'Count the notes in the presenter and the retract bin again and enter what the resident took.',
  },
  MAINTENANCE_SETTLED_BY_HOST: {
    what: 'The host ended this withdrawal’s hold itself (it expired, or the back office released it); no verdict is taken.',
    next: 'Count the cash all the same and give any difference to the back office with the transaction number.',
  },
  MAINTENANCE_SUPPLY_UNSETTLED: {
    what: 'An earlier act on this supply (a refill, an emptying, or a test dispense’s note from this cassette) was cut off by a restart or got no answer, and is not confirmed.',
    next: 'Say whether it was done in the list of acts cut off by a restart, then try again.',
  },
  MAINTENANCE_SUPPLY_ACT_TIMEOUT: {
    what: 'The device did not answer in time; whether this refill, emptying or test dispense was done is not known.',
    next: 'Look at the supply (for a test dispense, the notes in the reject bin), then say whether it was done in the list of acts cut off.',
  },
  MAINTENANCE_SUPPLY_ACT_AMBIGUOUS: {
    what: 'This visit left more than one refill or emptying to confirm; which one is meant cannot be told.',
    next: 'Say whether each was done from its own row in the list of acts cut off.',
  },
  MAINTENANCE_NEW_CARD_AT_SLOT: {
    what: 'There is a card at the card printer slot. A test card now would pull that card into the reject bin as if it were the test card.',
    next: 'Log out: the self test when you log out pulls a resident’s unsettled new card into the reject bin and settles it, if the card printer answers. A card still at the slot after that: take it out and hand it to the office; if its number is in “Card makings left for staff”, choose “Card missing: not in the bin, the resident did not get it” for it there. Then run the test card.',
  },
  TELEMETRY_COMMAND_FAILED: {
    what: 'A command from the fleet monitor could not be carried out.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_EXPIRED: {
    what: 'A command from the fleet monitor arrived after its time and was refused.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_STATE_UNKNOWN: {
    what: 'A command from the fleet monitor was refused: it was cut off while it was being carried out (a restart of the kiosk, or its journal not recording how it ended), so it may have taken effect already.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE: {
    what: 'A command from the fleet monitor was not carried out: the kiosk could not record it first. It is carried out if it comes again.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_FOR_OTHER_KIOSK: {
    what: 'A command meant for another kiosk was refused.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_MALFORMED: {
    what: 'A malformed command from the fleet monitor was refused.',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_UNKNOWN: {
    what: 'A command from the fleet monitor that this kiosk version does not know was refused.',
    next: otherKiosk,
  },
  TELEMETRY_QUEUE_FILE_UNREADABLE: {
    what: 'The kiosk could not read its saved fleet messages.',
    next: otherKiosk,
  },
};
