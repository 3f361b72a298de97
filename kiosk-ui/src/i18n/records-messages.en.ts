/**
 * English words of the account records screen (the catalogue's `records`, `messages.en.ts`): the
 * records shown, their kinds, and printing them; zh-CN's (`records-messages.zh-CN.ts`) has the same keys.
 */
export const recordsEn = {
  untilPrintRequired_one: 'The card stops working after {{count}} more record unless you print them.',
  untilPrintRequired_other: 'The card stops working after {{count}} more records unless you print them.',
  printRequired: 'Print them now to keep using the card.',
  print: 'Print records',
  caption: 'Latest first',
  date: 'Date',
  kind: 'Type',
  place: 'Place',
  amount: 'Amount (yuan)',
  balanceAfter: 'Balance (yuan)',
  none: 'No records to show.',
  unprinted_one: '{{count}} record not yet printed.',
  unprinted_other: '{{count}} records not yet printed.',
  printUnavailable: 'Printing is not available at this kiosk now.',
  // the print refused busy: the receipt printer stopped until its print head cools (DEVICE_BUSY)
  printerBusy: {
    what: 'The receipt printer is cooling down and cannot print now: no printout was made.',
    next: 'Your records stay on screen. Wait a minute: “Print records” comes back once the printer is ready. Or finish without a printout.',
  },
  printRequiredNotHere:
    'This kiosk cannot print now: please print your records at another kiosk, then the card can be used again.',
  printRequiredAfterWithdrawal:
    'Your card now holds as many unprinted records as it can: print them at a kiosk (“Account records”) before you use the card again.',
  printRequiredBeforeAnythingElse:
    'Your card now holds as many unprinted records as it can: print them now (“Account records”) to use the card for anything else, or take your card.',
  kinds: {
    medicalPayment: 'Medical payment',
    contribution: 'Contribution',
    opening: 'Opening balance',
    fee: 'Fee',
    withdrawalPaid: 'Cash withdrawal',
    withdrawalReversal: 'Withdrawal returned',
    withdrawal: 'Cash withdrawal',
    /** a kind the host added that this kiosk does not know: shown with the host's description */
    other: 'Other',
  } as Record<string, string | undefined>,
  /** what a medical payment was for (the host's code) */
  details: {
    pharmacy: 'Medicine at a pharmacy',
    outpatient: 'Outpatient visit',
    communityClinic: 'Community health centre',
    inpatient: 'Hospital stay (own share)',
  },
};
