/**
 * English words of the staff screens (#/maintenance, field staff only): the catalogue's `staff`
 * (`messages.en.ts`). zh-CN's (`staff-messages.zh-CN.ts`) has the same keys.
 */
import { cardMakingMessagesEn } from './staff-card-making-messages.en';
import { withdrawalConfirmEn, withdrawalFactsEn } from './staff-withdrawal-messages.en';

export const staffMessagesEn = {
  title: 'Kiosk maintenance',
  staffId: 'Staff card number',
  logIn: 'Log in',
  pinOnPad: 'Type your staff PIN on the kiosk’s PIN pad now, then press the green Enter key on the pad.',
  logOut: 'Log out (self test, then back in service)',
  logOutHeld: 'Log out (self test; the control room’s hold stays)',
  returnToService: 'Return to service (release the control room’s hold)',
  operatorHold:
    'The control room holds this kiosk out of service ({{code}}). Log out keeps it out; return to service releases the hold in your name.',
  visit: '{{staffId}}, {{role}}, logged in until {{time}}',
  roles: { engineer: 'engineer', supervisor: 'supervisor' },
  devicesHeading: 'Devices',
  suppliesHeading: 'Supplies and bins',
  checksHeading: 'Tests',
  reconciliationHeading: 'Reconciliation with the journal',
  settlementsHeading: 'Withdrawals left for staff',
  deviceNames: {
    cardReader: 'Card reader',
    receiptPrinter: 'Receipt printer',
    cardPrinter: 'Card printer',
    cashDispenser: 'Cash dispenser',
    idReader: 'ID card reader',
    pinPad: 'PIN pad',
    camera: 'Camera',
  },
  states: {
    online: 'working',
    offline: 'offline',
    hardwareError: 'hardware fault',
    userError: 'needs attention',
    noDevice: 'not fitted',
    busy: 'device busy',
    powerOff: 'powered off',
  },
  supplyNames: {
    paper: 'Receipt paper',
    cardHopper: 'Blank cards',
    ribbon: 'Ribbon',
    rejectBin: 'Reject bin',
    retractBin: 'Retract bin',
    captureBin: 'Capture bin (retained cards)',
    cassette: 'Cassette {{id}} ({{amount}} yuan notes)',
    cassetteOnly: 'Cassette {{id}}',
  },
  /** a bin of one device, where two devices have bins of the same kind */
  supplyNamesOf: {
    cardPrinter: { rejectBin: 'Card reject bin (spoiled cards)' },
    cashDispenser: {
      rejectBin: 'Cash reject bin (rejected notes)',
      retractBin: 'Cash retract bin (notes not taken)',
    },
  },
  cassettePositions: { upper: 'upper', lower: 'lower' },
  levels: {
    ok: 'OK',
    low: 'low',
    empty: 'empty',
    full: 'full',
    missing: 'missing',
    unknown: 'unknown',
  },
  units: { notes: 'notes', cards: 'cards', prints: 'prints', rolls: 'rolls' },
  deviceCount: 'Device count',
  notCounted: 'sensed only',
  journalCount: 'Journal',
  added: 'Loaded',
  countedBefore: 'Counted before loading',
  counted: 'Counted out',
  notesLoaded: 'Notes loaded',
  chooseNotes: 'choose…',
  noteYuan: '{{yuan}} yuan',
  formInvalid: {
    added: 'Loaded: type a whole number, 1 or more (digits only).',
    counted: 'Counted out: type a whole number, 0 or more (digits only).',
    countedBefore: 'Counted before loading: type a whole number (digits only), or leave it empty.',
    notes: 'Choose the notes you loaded.',
  },
  refill: 'Refill',
  replaced: 'New roll in',
  empty: 'Empty the bin',
  otherRole: 'A supervisor does this.',
  clearFault: 'Clear fault',
  jammedCardQuestion: 'A card jammed in the card printer. Once it is out of the printer, where did it go?',
  jammedCardsQuestion:
    '{{n}} cards jammed in the card printer wait for your word, one at a time. Where did the earliest go?',
  jammedCardInRejectBin: 'Cleared: the card is in the reject bin',
  jammedCardRemoved: 'Cleared: I took the card out',
  faultCleared: 'The device passed its self test and is back in service.',
  missingReader:
    'Reader not connected: “{{reader}}”. Plug it in, or check the name the configuration gives it.',
  faultPersists: '{{device}} still has its fault: {{fault}} ({{code}})',
  selfTestFailedOf:
    'The last self test failed: {{what}} ({{code}}). The kiosk stays out of service until a self test passes.',
  deviceSays: 'The device says:',
  chipStationRefused:
    'The card printer’s chip station cannot encode a card, so no blank was taken. See the card printer under Devices.',
  deviceRefusalNext: 'Put the device right (see Devices), then try again.',
  cardLeftInReader:
    'A card is left in the card reader for staff (no session owns it); card services are held back. The self test when you log out hands it out at the slot, and captures it if nobody takes it: empty a full capture bin first.',
  cardLeftInSlot:
    'A card is left in the card reader’s slot (no session owns it: not taken, and this reader cannot take it back); card services are held back until it is taken. Take it out and keep it for its holder.',
  cardMayBeInReader:
    'The card reader has not said yet whether a card is inside (it is starting, or lost its link): a card may be in it. Look at the slot before you log out.',
  checks: {
    selfTest: 'Self test',
    testReceipt: 'Test receipt',
    testDispense: 'Test dispense (to the reject bin)',
    testCard: 'Test card (to the reject bin)',
  },
  checkDone: '{{check}}: done.',
  checkFailed: '{{check}}: not passed. {{device}}: {{fault}} ({{code}})',
  checkFailedOf: '{{check}}: not passed: {{fault}} ({{code}})',
  refilled: '{{quantity}} loaded; the device now counts {{after}}.',
  replacedReads: 'New roll recorded; the printer reads paper.',
  replacedStillReads:
    'New roll recorded, but the printer still reads its paper as {{level}}: check that the roll is new and seated and the cover is shut.',
  emptied: '{{quantity}} taken out; the bin counts 0.',
  reconcile: 'Reconcile',
  reconciliationLoaded: 'Reconciliation below.',
  since: 'Since {{time}}',
  columns: {
    supply: 'Supply',
    before: 'Before',
    byStaff: 'Staff',
    byKiosk: 'Kiosk',
    after: 'After',
    deviceNow: 'Device now',
    result: 'Result',
  },
  reconciles: 'reconciles',
  doesNotReconcile: 'does NOT reconcile',
  cardsIssued: 'Cards issued to residents (journal, all time): {{count}}',
  cardsIssuedNone: 'Cards issued to residents (journal): none counted yet',
  cardBlanks: {
    caption: 'Card blanks: in the hopper at the start + loaded = issued + spoiled + missing + left',
    hopperBefore: 'In the hopper at the start',
    loaded: 'Loaded by staff',
    issued: 'Issued to residents',
    spoiled: 'Spoiled (reject bin)',
    missing: 'Found missing by staff',
    remaining: 'Left in the hopper',
    difference: 'Difference',
    notCounted: 'not counted',
    shortfall: '{{count}} blanks not accounted for',
    surplus: '{{count}} more cards counted than blanks loaded',
  },
  journalHeading: 'Recent journal (masked)',
  showJournal: 'Show the last transactions',
  journalColumns: {
    time: 'Started',
    transaction: 'Transaction',
    journey: 'Journey',
    outcome: 'Outcome',
    card: 'Card',
    steps: 'Steps',
  },
  noSettlements: 'None.',
  verdicts: {
    paid: 'Resident was paid',
    notPaid: 'Resident was not paid',
    taken: 'Resident took part of it',
  },
  takenCounted: {
    label: 'Amount the resident took (yuan)',
    hint: 'The notes at the slot (¥ {{yuan}}) less those counted in the retract bin and the presenter.',
    given: '{{verdict}} (¥ {{yuan}})',
  },
  withdrawalVerdictGiven:
    'A verdict was given already ({{verdict}}) and the host did not answer: send it again.',
  settled: 'Settled with the host and closed.',
  settledAboveHold:
    'Settled with the host and closed. You counted ¥ {{yuan}} more paid than the host still held: it confirmed only what it held. Report the difference to the back office with transaction {{transactionId}}.',
  withdrawalFacts: withdrawalFactsEn,
  withdrawalConfirm: withdrawalConfirmEn,
  cardMakingsHeading: 'Card makings left for staff',
  cardMakingHint:
    'A new card left the slot while it was being pulled back. Look in the card printer’s reject bin for it.',
  cardVerdicts: {
    inRejectBin: 'Card found in the reject bin',
    taken: 'Not in the reject bin: the resident took it',
    missing: 'Card missing: not in the bin, the resident did not get it',
  },
  cardSettled: {
    inRejectBin: 'Settled: the card is counted in the reject bin, the host told it was not issued.',
    taken: 'Settled: the host told the card was issued to the resident.',
    missing: 'Settled: the host told the card was not issued; its number is voided.',
  },
  oldCardVerdicts: {
    inCaptureBin: 'Handed-in card found in the capture bin',
    givenBack: 'Not in the bin: given back to the resident',
    notFound: 'Handed-in card not found: not in the bin, not with the resident',
  },
  oldCardSettled: {
    inCaptureBin: 'Settled: the handed-in card is journaled in the capture bin; the card making is closed.',
    givenBack: 'Settled: the handed-in card is journaled as given back; the card making is closed.',
    notFound: 'Settled: the handed-in card is journaled as not found; the card making is closed.',
    stillLeft:
      'The handed-in card’s verdict is journaled ({{verdict}}); the rest of this card making is still left for staff (its new card, or the host did not answer): see the list.',
  },
  oldCard: {
    card: 'Handed-in card',
    chipNotRead: 'chip not read',
    hint: 'The kiosk stopped while taking the resident’s handed-in card into the card reader’s capture bin, and the bin’s count cannot tell where it went. Look in the capture bin and at the card slot.',
    effects: {
      inCaptureBin:
        'The card is journaled as captured, and the capture bin count is recorded as the card reader reports it.',
      givenBack:
        'The card is journaled as given back to the resident; the capture bin count does not change.',
      notFound: 'The card is journaled as found nowhere; the capture bin count does not change.',
    },
    afterwards:
      'The rest of the card making is then recovered as after a restart and closed; the host is not told of the hand-in. A verdict cannot be changed once given.',
  },
  supplyActs: {
    heading: 'Refills and emptying cut off by a restart',
    question: {
      refill:
        'The refill of {{quantity}} into {{supply}} by {{staffId}} ({{started}}) was cut off by a restart: was it loaded?',
      emptyBin:
        'The emptying of {{quantity}} from {{supply}} by {{staffId}} ({{started}}) was cut off by a restart: was it emptied?',
      testDispense:
        'The test dispense of {{quantity}} notes (one a cassette) by {{staffId}} ({{started}}) was cut off by a restart: did they go into the {{supply}}?',
      // a test dispense left as it ran: the note of the cassettes named got no answer
      testNoteUnanswered:
        'The test note of the {{cassettes}} cassette in the test dispense by {{staffId}} ({{started}}) got no answer: did it go into the {{supply}}?',
    },
    counts:
      'Journal count now: {{journal}} · device count now: {{device}} · counted before loading: {{before}}',
    notCounted: 'none',
    verdicts: {
      refill: { done: 'Loaded', notDone: 'Not loaded' },
      emptyBin: { done: 'Emptied', notDone: 'Not emptied' },
      testDispense: { done: 'In the reject bin', notDone: 'Not in the reject bin' },
    },
    supervisorOnly: 'Cash: a supervisor answers this one.',
    confirm: {
      prompt: 'Confirm: {{verdict}}?',
      effects: {
        done: 'The journal counts it as done: its count moves by it, and it is logged once.',
        notDone: 'The journal counts nothing for it; it is logged as not done.',
      },
      testDispenseEffects: {
        done: 'The journal takes one note out of each cassette it came from and counts them in the reject bin.',
        notDone: 'The journal counts nothing for it: the cassettes and the reject bin keep their counts.',
      },
      standing: 'The answer cannot be changed once given.',
      confirm: 'Confirm',
      cancel: 'Cancel',
    },
    settled: {
      done: 'Confirmed as done: counted once in the journal.',
      notDone: 'Confirmed as not done: nothing counted.',
    },
  },
  verdictStands: 'The verdict that stands: {{verdict}}.',
  cardMaking: cardMakingMessagesEn,
};
