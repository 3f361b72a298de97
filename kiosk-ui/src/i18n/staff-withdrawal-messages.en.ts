/**
 * English words of the supervisor's list of withdrawals left for staff: what is known of each
 * (the catalogue's `staff.withdrawalFacts`) and the confirmation of a verdict with its effect at
 * the host (`staff.withdrawalConfirm`), in `staff-messages.en.ts`. `staff-withdrawal-messages.zh-CN.ts`
 * has the same keys.
 */
export const withdrawalFactsEn = {
  amount: 'Amount asked for',
  yuan: '¥ {{yuan}}',
  yuanNotes_one: '¥ {{yuan}} ({{count}} note)',
  yuanNotes_other: '¥ {{yuan}} ({{count}} notes)',
  resident: 'Resident',
  stoppedAt: 'Stopped at',
  unknown: '—',
  rejectBin: 'Reject bin',
  retractBin: 'Retract bin',
  cashCounts: 'before the withdrawal {{before}}, now {{device}}',
  notCounted: 'not counted',
  presented: 'Notes at the slot',
  linkLostAt: 'Slot out of sight from',
  linkBackAt: 'Slot in sight again',
  takenBack: 'Taken back into the retract bin',
  stoppedSteps: {
    retractShort:
      'the retract took back fewer notes than were at the slot: the resident took the rest as it ran; count the retract bin against its count before the withdrawal',
    notesLeftInPresenter:
      'notes left in the presenter after a failed retract: look in the presenter; “Resident was not paid” retracts them now',
    notesGoneUnseen:
      'the notes at the slot went while the kiosk could not watch it (the dispenser’s link down or busy, or the kiosk restarting): taken by the resident or drawn into the retract bin, the dispenser cannot tell; count the retract bin against its count before the withdrawal',
  },
};

export const withdrawalConfirmEn = {
  prompt: 'Confirm: {{verdict}}?',
  effects: {
    paid: 'The host is told the cash was paid out: the hold is confirmed and the resident’s account debited.',
    paidShort:
      'The host is told the resident took the notes not taken back: the ¥ {{yuan}} taken back into the retract bin is given back, the rest of the hold confirmed.',
    notPaid:
      'The host is told no cash was paid out: the hold is released and the resident’s balance is whole.',
    taken:
      'The host is told the resident took ¥ {{yuan}}: that is confirmed paid, the rest of the hold given back to the resident’s account.',
    takenNotCounted: 'Enter the amount counted: whole yuan (or yuan and fen), at most what was at the slot.',
  },
  standing: 'A verdict cannot be changed once given.',
  confirm: 'Confirm',
  cancel: 'Cancel',
};
