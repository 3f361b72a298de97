/** What to do next, in English: the advice many error messages share (error-messages.en, host-error-messages.en, operations-error-messages.en). */
export const askStaff = 'Please ask the staff at the service counter for help.';
export const tryAgain = 'Please try again. If it happens again, ask the staff for help.';
export const otherKiosk = 'Please use another kiosk or go to a service counter.';
