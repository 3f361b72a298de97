/**
 * How a withdrawal that paid no cash out ended, for the resident's screen (the withdrawal's
 * details, `notPaid`): its card goes back either way.
 *
 * - 'nothingTaken': it stopped before the host held any money (refused, cancelled, timed out, no
 *   notes for an amount the rules allow): nothing was taken from the account.
 * - 'returned': the host reversed the hold: the amount is back in the account.
 * - 'returning': the reversal of the hold got no answer; the kiosk tries it again until the amount
 *   is back (and recovery after a restart): nothing for the resident to do.
 * - 'forStaff': where the notes are is not known (a retract that failed or never answered): staff
 *   count them and settle the account.
 */
export type WithdrawalNotPaid = 'nothingTaken' | 'returned' | 'returning' | 'forStaff';
