/**
 * English words of the supervisor's list of card makings left for staff (the catalogue's
 * `staff.cardMaking`, `staff-messages.en.ts`). `staff-card-making-messages.zh-CN.ts` has the same keys.
 */
export const cardMakingMessagesEn = {
  journeys: { issueCard: 'New card', replaceCard: 'Replacement card' },
  resident: 'Resident',
  card: 'Card',
  started: 'Started',
  stoppedAt: 'Stopped at',
  stoppedSteps: {
    retractPending: 'pulling back a card nobody took',
    oldCardCapture: 'taking the handed-in card into the capture bin',
  },
  hopper: 'Blanks in the hopper',
  rejectBin: 'Reject bin',
  rejectBinCounts: 'printer {{device}}, journal {{journal}}',
  notCounted: 'not counted',
  unknown: '—',
  verdictGiven: 'A verdict was given already ({{verdict}}) and the office did not answer: send it again.',
  confirmPrompt: 'Confirm: {{verdict}}?',
  binEffects: {
    counted: 'The journal’s reject bin count goes from {{before}} to {{after}}.',
    notCounted: 'The reject bin has no count to add it to; the card is journaled as found there.',
    unchanged: 'The reject bin count does not change.',
  },
  officeEffects: {
    inRejectBin: 'The office is told the card was not issued and voids its number.',
    taken: 'The office is told the card was issued, and the resident can activate it.',
    missing:
      'The office is told the card was not issued and voids its number, so nobody can use it. The resident applies again.',
  },
  confirm: 'Confirm',
  cancel: 'Cancel',
};
