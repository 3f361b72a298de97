/**
 * English words of a journey's steps, the kiosk screen's title and hint of each (the catalogue's
 * `steps` and `journeySteps`, `messages.en.ts`); zh-CN's (`step-messages.zh-CN.ts`) has the same keys.
 */

/** each step's words */
export const stepsEn = {
  insertCard: { title: 'Insert your social-security card', hint: 'Chip first, face up, into the slot.' },
  readingCard: { title: 'Reading your card…', hint: 'Please do not remove the card.' },
  enterPin: {
    title: 'Enter your PIN on the keypad',
    hint: 'Press the green Enter key on the keypad when done.',
  },
  verifyingPin: { title: 'Checking your PIN…', hint: 'Please wait.' },
  queryingBalance: { title: 'Getting your balance…', hint: 'Please wait.' },
  showBalance: { title: 'Your account balance', hint: '' },
  ejectingCard: { title: 'Returning your card…', hint: 'Please wait.' },
  takeCard: { title: 'Please take your card', hint: 'Take the card from the slot.' },
  retractingCard: { title: 'Keeping your card', hint: 'The card was not taken and is being kept safe.' },
  ended: { title: 'Thank you', hint: '' },
  chooseJourney: {
    title: 'Service complete',
    hint: 'Choose another service with the same card, or finish to get your card back.',
    // the card at its unprinted-records limit: only the records, or (no printer now) only the card back
    hintRecordsOnly: 'Print your records (“Account records”), or finish to get your card back.',
    hintCardBackOnly: 'Finish to get your card back.',
  },
  placeIdCard: {
    title: 'Place your resident ID card on the reader',
    hint: 'Lay it flat and keep it there. A card already lying there: lift it and place it again.',
  },
  takeIdCard: {
    title: 'Please take your ID card',
    hint: 'Lift your resident ID card off the reader and keep it with you.',
  },
  readingIdCard: { title: 'Reading your ID card…', hint: 'Please keep the ID card on the reader.' },
  matchingFace: {
    title: 'Look at the camera',
    hint: 'Stand still: your face is compared with the ID card photo. No image is kept.',
  },
  faceNotMatched: {
    title: 'Face not recognised',
    hint: 'Take off glasses, hat or mask and face the camera.',
  },
  loadingRecords: { title: 'Getting your records…', hint: 'Please wait.' },
  showRecords: { title: 'Your recent records', hint: '' },
  printingRecords: { title: 'Printing your records…', hint: 'Please wait for the receipt.' },
  recordsPrinted: { title: 'Records printed', hint: 'Please take the receipt from the printer.' },
  loadingQuota: { title: 'Checking what you can withdraw…', hint: 'Please wait.' },
  chooseAmount: { title: 'Choose an amount', hint: 'Only whole notes can be paid out.' },
  authorisingWithdrawal: {
    title: 'Authorising the withdrawal…',
    hint: 'Please wait and stay at the kiosk.',
  },
  dispensingCash: { title: 'Counting your cash…', hint: 'Please wait.' },
  takeCash: { title: 'Please take your cash', hint: 'Take the notes from the cash slot.' },
  retractingCash: {
    title: 'Keeping the cash',
    hint: 'The cash was not taken; it goes back to your account.',
  },
  printingReceipt: { title: 'Printing your receipt…', hint: 'Please wait.' },
  cashWithdrawn: {
    title: 'Withdrawal done',
    hint: 'Please count your cash and take the receipt.',
    // the printer refused the receipt, did not answer, or none could be printed
    hintNoReceipt:
      'Please count your cash. No receipt was printed: the withdrawal is in your account records, which you can print at another kiosk (“Account records”) or ask for at a service counter.',
    // no cash paid out (the details' notPaid): never "done"; what became of the money, the card back
    titleNotPaid: 'Withdrawal not completed',
    notPaid: {
      nothingTaken:
        'No cash was paid out and nothing was taken from your account. Please take your card back; you may try again later or ask at a service counter.',
      returned:
        'No cash was paid out and no receipt was printed: the amount is back in your account. Please take your card back.',
      returning:
        'No cash was paid out and no receipt was printed. The amount held for this withdrawal is being returned to your account; you need not do anything. Please take your card back.',
      forStaff:
        'The withdrawal could not be completed and no receipt was printed. Staff will check the cash at the slot and settle your account. Please take your card back and ask at a service counter.',
    },
  },
  reversingWithdrawal: { title: 'Returning the amount to your account…', hint: 'Please wait.' },
  replacementReason: {
    title: 'Why do you need a new card?',
    hint: 'A damaged card is handed in here: the kiosk keeps it and cancels it.',
  },
  insertOldCard: {
    title: 'Insert your damaged card',
    hint: 'Put your old social security card into the card slot, chip first. It will be kept.',
  },
  handingInOldCard: { title: 'Taking in your old card…', hint: 'Please wait.' },
  checkingApplication: { title: 'Checking your card application…', hint: 'Please wait.' },
  payFee: {
    title: 'Replacement fee',
    hint: 'Choose how to pay. The card is made once the fee is paid.',
  },
  makingCard: { title: 'Making your card', hint: 'This takes up to 5 minutes. Please stay at the kiosk.' },
  takeNewCard: { title: 'Please take your new card', hint: 'Take the card from the slot.' },
  reportingIssuance: { title: 'Registering your new card…', hint: 'Please wait.' },
  enterNewPin: {
    title: 'Enter a new {{length}}-digit PIN',
    hint: 'Not all the same digit, not in a row, not your birth date. Press the green Enter key when done.',
  },
  confirmNewPin: {
    title: 'Enter the new PIN again',
    hint: 'Press the green Enter key on the keypad when done.',
  },
  savingPin: { title: 'Saving your new PIN…', hint: 'Please wait.' },
  pinSaved: { title: 'New PIN set', hint: 'Use the new PIN from now on.' },
  confirmLoss: {
    title: 'Report this card temporarily lost?',
    hint: 'The card is blocked at once. The temporary report lapses after a while unless the loss is confirmed at a counter or you get a replacement card.',
  },
  reportingLoss: { title: 'Reporting the card temporarily lost…', hint: 'Please wait.' },
  lossReported: {
    title: 'Card reported temporarily lost',
    hint: 'To block it for good, confirm the loss at a counter, or get a replacement card at this kiosk or at a counter.',
  },
  unknown: { title: 'Please wait…', hint: '' },
};

/** a step's words where one journey needs other words than `steps` (same keys: title, hint) */
export const journeyStepsEn = {
  unfreezeCard: {
    confirmLoss: {
      title: 'Your card is reported lost. Unfreeze it?',
      hint: 'Only if you have found the card again: it will work again at once.',
    },
    reportingLoss: { title: 'Unfreezing your card…', hint: 'Please wait.' },
    lossReported: { title: 'Card unfrozen', hint: 'Your card works again with its PIN.' },
  },
  changePin: {
    enterPin: {
      title: 'Enter your current PIN',
      hint: 'Press the green Enter key on the keypad when done.',
    },
    pinSaved: { title: 'PIN changed', hint: 'Use the new PIN from now on; the old one no longer works.' },
  },
  resetPin: {
    placeIdCard: {
      title: 'Place your resident ID card to unlock the PIN',
      hint: 'It must be the ID card of the card holder. Lay it flat and keep it there.',
    },
    pinSaved: { title: 'PIN reset', hint: 'Your card is unlocked. Use the new PIN from now on.' },
  },
  // the new card is in the resident's hand, not in the reader, and not activated yet
  issueCard: {
    chooseJourney: {
      title: 'Your new card is ready',
      hint: 'To activate it now, choose "Activate card" and insert the new card. Or choose Done.',
    },
  },
  replaceCard: {
    chooseJourney: {
      title: 'Your new card is ready',
      hint: 'To activate it now, choose "Activate card" and insert the new card. Or choose Done.',
    },
  },
} as Record<string, Record<string, { title: string; hint: string } | undefined> | undefined>;
