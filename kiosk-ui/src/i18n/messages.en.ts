/**
 * English messages. This object's shape is the catalogue's shape: zh-CN must have the same keys.
 * Error messages say what happened and what to do next.
 */
import type { ServiceReason } from '@kiosk/domain';
import type { ErrorMessages } from './error-messages';
import { errorMessagesEn } from './error-messages.en';

/**
 * The kiosk screen's words for every service reason (domain's ServiceReason), typed by it so a new
 * reason without kiosk wording fails the kiosk-ui typecheck (as the fleet dashboard's reason labels).
 */
export type ServiceReasonMessages = Record<ServiceReason, string>;

export const en = {
  app: {
    title: 'Social Security Self-Service',
    languageSwitch: '中文',
    languageSwitchLabel: '切换到中文 (switch to Chinese)',
    largeText: 'Large text',
    highContrast: 'High contrast',
    voice: 'Spoken prompts',
    displayOptions: 'Display options',
  },
  common: {
    cancel: 'Cancel',
    done: 'Done',
    finish: 'Finish and return my card',
    continue: 'Continue',
    pleaseWait: 'Please wait…',
    dismiss: 'OK',
    tryAgain: 'Try again',
  },
  kiosk: {
    starting: 'The kiosk is starting, please wait…',
    outOfService: 'Out of service',
    outOfServiceHint: 'Please use another kiosk or go to a service counter.',
    maintenance: 'Under maintenance',
    maintenanceHint: 'Staff are servicing this kiosk. Please use another kiosk or a counter.',
    reconnecting: 'Out of service — reconnecting',
    reconnectingHint: 'The kiosk is reconnecting by itself. No action is needed.',
    degraded: 'Some services are unavailable',
    reason: 'Reason: {{reason}}',
    chooseService: 'Choose a service',
    noServices: 'No service is available at this kiosk right now.',
  },
  /** why a journey is held back, or the kiosk out of service (the kiosk view's service reasons) */
  reasons: {
    CARD_READER_DOWN: 'The card reader is not working.',
    PIN_PAD_DOWN: 'The PIN pad is not working.',
    ID_READER_DOWN: 'The ID card reader is not working.',
    CAMERA_DOWN: 'The camera is not working.',
    CARD_PRINTER_DOWN: 'Cards cannot be made at this kiosk now.',
    CARD_STOCK_EMPTY: 'The kiosk has no blank cards left.',
    RIBBON_EMPTY: 'The card printer has no ribbon left.',
    REJECT_BIN_FULL: 'The card reject bin is full.',
    CASH_DISPENSER_DOWN: 'Cash cannot be paid out at this kiosk now.',
    CASH_EMPTY: 'The kiosk has no cash left.',
    RETRACT_BIN_FULL: 'The retract bin is full.',
    CASH_REJECT_BIN_FULL: 'The cash reject bin is full.',
    RECEIPT_PRINTER_DOWN: 'The receipt printer is not working.',
    PAPER_EMPTY: 'The receipt printer has no paper.',
    SELF_TEST_FAILED: 'The kiosk did not pass its self-test.',
    SELF_TEST_TIMEOUT: 'The kiosk self-test did not finish.',
    MAINTENANCE: 'Staff are servicing this kiosk.',
    REMOTE_OUT_OF_SERVICE: 'The kiosk was taken out of service by the service centre.',
    CARD_LEFT_IN_READER:
      'A card is left in the card reader. Services that need a card are paused until staff clear it.',
    CARD_CAPTURE_BIN_FULL:
      'The card capture bin is full. Services that need a card are paused until staff empty it.',
    CASH_LEFT_IN_PRESENTER:
      'Notes are left in the cash presenter. Withdrawals are paused until staff clear it.',
    NEW_CARD_LEFT_AT_SLOT:
      'A new card is left at the card printer slot. Card making is paused until staff settle it.',
  } satisfies ServiceReasonMessages as ServiceReasonMessages,
  journeys: {
    balance: { title: 'Account balance', hint: 'See your medical-insurance personal account' },
    records: { title: 'Account records', hint: 'See and print recent records' },
    withdraw: { title: 'Cash withdrawal', hint: 'Take cash from your personal account' },
    issueCard: { title: 'Get a new card', hint: 'Make your social-security card now' },
    replaceCard: { title: 'Replace a card', hint: 'Replace a lost or damaged card' },
    activatePin: { title: 'Activate card', hint: 'Set the PIN of a new card' },
    changePin: { title: 'Change PIN', hint: 'Choose a new PIN' },
    resetPin: { title: 'Reset PIN', hint: 'Forgot or blocked PIN' },
    reportLoss: {
      title: 'Report a lost card',
      hint: 'Stop a lost card from being used; unfreeze it here once found',
    },
  },
  /** a step's words where one journey needs other words than `steps` (same keys: title, hint) */
  journeySteps: {
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
  } as Record<string, Record<string, { title: string; hint: string } | undefined> | undefined>,
  steps: {
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
    cashWithdrawn: { title: 'Withdrawal done', hint: 'Please count your cash and take the receipt.' },
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
      title: 'Enter a new 6-digit PIN',
      hint: 'Not all the same digit, not in a row, not your birth date. Press the green Enter key when done.',
    },
    confirmNewPin: {
      title: 'Enter the new PIN again',
      hint: 'Press the green Enter key on the keypad when done.',
    },
    savingPin: { title: 'Saving your new PIN…', hint: 'Please wait.' },
    pinSaved: { title: 'New PIN set', hint: 'Use the new PIN from now on.' },
    confirmLoss: {
      title: 'Report this card as lost?',
      hint: 'The card cannot be used after the report. You can get a replacement card here or at a counter.',
    },
    reportingLoss: { title: 'Reporting the loss…', hint: 'Please wait.' },
    lossReported: {
      title: 'Card reported lost',
      hint: 'You can get a replacement card at this kiosk or at a counter.',
    },
    unknown: { title: 'Please wait…', hint: '' },
  },
  face: {
    retry: 'Try again',
    triesLeft_one: '{{count}} try left',
    triesLeft_other: '{{count}} tries left',
  },
  records: {
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
    printRequiredNotHere:
      'This kiosk cannot print now: please print your records at another kiosk, then the card can be used again.',
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
  },
  withdraw: {
    left_one: '{{count}} withdrawal left today',
    left_other: '{{count}} withdrawals left today',
    noReceipt: 'No receipt can be printed at this kiosk now.',
    amount: '¥ {{amount}}',
    amountLabel: 'Withdraw {{amount}} yuan',
    max: 'Up to {{amount}} yuan now',
    note: 'In steps of {{amount}} yuan',
    noChoices: 'No amount can be offered now.',
    paid: 'Paid out: {{amount}} yuan',
    short:
      'The cash dispenser failed: only {{paid}} yuan could be paid out. The other {{rest}} yuan stay in your account.',
    /** the authorisation went unanswered: any hold is released (at once, else in the background) */
    holdReleased: 'Nothing was paid out. Any amount held for this withdrawal goes back to your account.',
    /** what next after such a refusal, where the code's own words would send the resident to a counter */
    holdReleasedNext: {
      HOST_UNKNOWN_WITHDRAWAL_STATUS:
        'You need not go to a counter: nothing is taken from your account, the kiosk gives back any held amount by itself.',
    } as Record<string, string | undefined>,
    noAmountNext: {
      INSUFFICIENT_BALANCE:
        'This kiosk pays whole notes only and your balance is less than one note. Press Cancel to take your card back.',
      WITHDRAWAL_DAILY_CAP_EXCEEDED: 'Today’s limit is used up. Please come back tomorrow.',
    } as Record<string, string | undefined>,
    special: 'Other kinds of withdrawal',
    specialKinds: {
      leavingJob: 'Left a job',
      movingRegion: 'Moving away',
      fullBalance: 'All of it',
    },
  },
  issuance: {
    pay: 'Pay the fee',
    payQr: 'Pay by QR code',
    payQrHint: 'Scan with your phone',
    payAccount: 'Pay from my account',
    payAccountHint: 'Medical-insurance personal account',
    reasonLost: 'I lost it',
    reasonLostHint: 'The card is reported lost and cancelled',
    reasonDamaged: 'It is damaged, I have it here',
    reasonDamagedHint: 'You hand the card in at this kiosk',
    scanQr: 'Scan the QR code with your phone and pay. The card is made as soon as the payment arrives.',
    keepIdCard: 'Keep your ID card on the reader: taking it away stops the payment.',
    fee: 'Fee: {{amount}} yuan',
    upTo: 'Up to 5 minutes',
    percent: '{{percent}}% done',
    remaining: 'At most {{minutes}} min {{seconds}} s left',
    remainingMinutes: 'At most {{minutes}} min left',
    remainingSeconds: 'At most {{seconds}} s left',
    stages: {
      pickingBlank: 'Taking a blank card',
      encodingChip: 'Writing the chip',
      printingFace: 'Printing the card face',
      checking: 'Checking the card',
      presenting: 'Bringing the card to the slot',
    },
    stageDone: 'done',
    stageNow: 'now',
  },
  newPin: {
    triesLeft_one: '{{count}} try left',
    triesLeft_other: '{{count}} tries left',
    weakRules: {
      format: 'The PIN must be 6 digits.',
      default: 'The default PIN 123456 cannot be kept.',
      repeated: 'All digits the same is too easy to guess.',
      sequence: 'Digits in a row (like 123456) are too easy to guess.',
      birthDate: 'Your birth date is too easy to guess.',
    },
  },
  loss: {
    lapsesOn: 'This temporary loss report lapses on {{date}} unless it is confirmed at a counter.',
    confirm: 'Yes, report it lost',
    confirmUnfreeze: 'Yes, unfreeze my card',
  },
  pin: {
    entered: '{{entered}} of {{length}} digits entered',
    attemptsLeft_one: '{{count}} attempt left',
    attemptsLeft_other: '{{count}} attempts left',
    privacy: 'Shield the keypad with your hand.',
  },
  balance: {
    card: 'Card',
    holder: 'Holder',
    amount: 'Balance',
    yuan: 'yuan',
    asOf: 'As of {{asOf}}',
  },
  outcome: {
    completed: 'Done. Thank you for using the kiosk.',
    cancelled: 'Cancelled. Nothing was changed.',
    timedOut: 'The session ended because there was no answer.',
    failed: 'The service could not be completed.',
    cardRetracted: 'Your card was not taken and has been kept by the kiosk. Please ask staff.',
  },
  /** someone else's card refused at a damaged-card hand-in, given back at the slot (not "your card") */
  notHoldersCard: {
    takeCard: { title: 'Please take this card back', hint: 'It is not your card. Take it from the slot.' },
    retractingCard: { title: 'Keeping this card', hint: 'The card was not taken and is being kept safe.' },
    ended: {
      title: 'The card was kept',
      hint: 'The card that is not yours was not taken and the kiosk kept it. Its holder can ask staff for it.',
    },
  },
  /** the card neither taken nor captured (the reader did not answer, or its retract failed): kept for staff */
  cardKeptForStaff: {
    next: 'Your card stays inside the kiosk. Please ask the staff at the service counter for it; do not try again here.',
    nextNotHolders:
      'The card stays inside the kiosk. Its holder can ask the staff at the service counter for it; do not try again here.',
  },
  // card making stopped after the fee was paid (a device's fault): the fee stays with the application
  feeKept: {
    next: 'Your paid fee is kept with your application: it is not lost and you will not pay it again. Please take your ID card to a service counter to get your card.',
  },
  outcomeTitle: {
    completed: 'Thank you',
    cancelled: 'Cancelled',
    timedOut: 'Time is up',
    failed: 'Service not completed',
    cardRetracted: 'Your card was kept',
  },
  countdown: {
    secondsLeft_one: '{{count}} second left',
    secondsLeft_other: '{{count}} seconds left',
    needMoreTime: 'Need more time?',
    moreTime: 'Yes, more time',
    stop: 'No, end now',
  },
  errorBox: {
    heading: 'Problem',
    next: 'What to do',
  },
  demo: {
    open: 'Demo',
    close: 'Close demo panel',
    heading: 'Demo panel (emulators)',
    cards: 'Cards',
    insert: 'Insert',
    take: 'Take from slot',
    pull: 'Pull out',
    location: {
      outside: 'outside',
      inReader: 'in the reader',
      atSlot: 'at the slot',
      captured: 'captured',
    },
    pinPad: 'PIN pad',
    pinPadHint: 'Stands in for the hardware PIN pad; digits are never shown.',
    keys: { clear: 'Clear', cancel: 'Cancel', enter: 'Enter' },
    idCards: 'Resident ID cards',
    placeId: 'Place on reader',
    removeId: 'Take off',
    faceScore: 'Face match score: {{score}}',
    cash: 'Cash',
    takeCash: 'Take the cash',
    receipt: 'Last receipt',
    cardFace: 'Last card printed',
    newCard: 'New card at the slot',
    takeNewCard: 'Take the new card',
    payQr: 'Pay the QR order (simulated phone)',
    faults: 'Device faults',
    device: 'Device',
    fault: 'Fault',
    setFault: 'Set fault',
    clearFault: 'Clear',
    noFaults: 'No fault set.',
    stateAndPlace: '{{state}}, {{place}}',
    /** a demo card's state, by the demo resident's card-state code ('blank': unpersonalised) */
    cardStates: {
      made: 'made, not yet activated',
      active: 'active',
      temporarilyLost: 'reported lost',
      lost: 'lost',
      cancelled: 'cancelled',
      expired: 'expired',
      blank: 'blank',
    },
    /** the emulators' fault codes (their setFault) */
    faultNames: {
      offline: 'offline',
      mute: 'no answer from the card',
      upsideDown: 'card inserted upside down',
      transmitTimeout: 'card transmit timeout',
      ejectJam: 'card jammed on its way out',
      unreadable: 'card unreadable',
      noAnswer: 'no answer on the line',
      tornFrame: 'torn frame',
      badChecksum: 'bad checksum',
      badChecksums: 'bad checksums again and again',
      cablePulledDuringRead: 'cable pulled during a read',
      badCheckByte: 'bad check byte',
      cablePulledDuringEntry: 'cable pulled during PIN entry',
      noFace: 'no face in view',
      notLive: 'not a live face (photo held up)',
      serverError: 'service error (HTTP 500)',
      malformedJson: 'malformed answer',
      missingScore: 'answer without a score',
      scoreOutOfRange: 'score out of range',
      otherCaptureId: 'answer for another capture',
      silent: 'service silent',
      hopperEmpty: 'no blank cards',
      ribbonOut: 'ribbon used up',
      rejectBinFull: 'reject bin full',
      jamAtFeed: 'jam at the feed',
      jamAtChipStation: 'jam at the chip station',
      jamAtPrintStation: 'jam at the print station',
      jamAtOutput: 'jam at the output',
      chipNoContact: 'no contact with the chip',
      coverOpen: 'cover open',
      printHeadError: 'print head error',
      jam: 'notes jammed',
      doubleNotes: 'double notes',
      cassetteMissing: 'cassette missing',
      busy: 'device busy',
      paperOut: 'paper used up',
      cutterError: 'cutter error',
    } as Record<string, string | undefined>,
  },
  // the fee's QR code on the fee screen
  paymentQr: {
    label: 'QR code to pay the {{amount}} yuan fee with a phone',
    caption: 'Scan to pay {{amount}} yuan. The code can be paid until {{time}}.',
    waiting: 'Preparing the QR code…',
  },
  // maintenance: the staff screens (#/maintenance), field staff only
  staff: {
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
    refill: 'Refill',
    empty: 'Empty the bin',
    otherRole: 'A supervisor does this.',
    clearFault: 'Clear fault',
    faultCleared: 'The device passed its self test and is back in service.',
    missingReader:
      'Reader not connected: “{{reader}}”. Plug it in, or check the name the configuration gives it.',
    faultPersists: '{{device}} still has its fault: {{fault}} ({{code}})',
    deviceSays: 'The device says:',
    chipStationRefused:
      'The card printer’s chip station cannot encode a card, so no blank was taken. See the card printer under Devices.',
    deviceRefusalNext: 'Put the device right (see Devices), then try again.',
    cardLeftInReader:
      'A card is left in the card reader for staff (no session owns it); card services are held back. The self test when you log out hands it out at the slot, and captures it if nobody takes it: empty a full capture bin first.',
    checks: {
      selfTest: 'Self test',
      testReceipt: 'Test receipt',
      testDispense: 'Test dispense (to the reject bin)',
      testCard: 'Test card (to the reject bin)',
    },
    checkDone: '{{check}}: done.',
    refilled: '{{quantity}} loaded; the device now counts {{after}}.',
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
    verdicts: { paid: 'Resident was paid', notPaid: 'Resident was not paid' },
    withdrawalVerdictGiven:
      'A verdict was given already ({{verdict}}) and the host did not answer: send it again.',
    settled: 'Settled with the host and closed.',
    withdrawalFacts: {
      amount: 'Amount asked for',
      yuan: '¥ {{yuan}}',
      resident: 'Resident',
      stoppedAt: 'Stopped at',
      unknown: '—',
      rejectBin: 'Reject bin',
      retractBin: 'Retract bin',
      cashCounts: 'before the withdrawal {{before}}, now {{device}}',
      notCounted: 'not counted',
      stoppedSteps: {
        notesLeftInPresenter:
          'notes left in the presenter after a failed retract: look in the presenter; “Resident was not paid” retracts them now',
      },
    },
    withdrawalConfirm: {
      prompt: 'Confirm: {{verdict}}?',
      effects: {
        paid: 'The host is told the cash was paid out: the hold is confirmed and the resident’s account debited.',
        notPaid:
          'The host is told no cash was paid out: the hold is released and the resident’s balance is whole.',
      },
      standing: 'A verdict cannot be changed once given.',
      confirm: 'Confirm',
      cancel: 'Cancel',
    },
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
      },
      counts:
        'Journal count now: {{journal}} · device count now: {{device}} · counted before loading: {{before}}',
      notCounted: 'none',
      verdicts: {
        refill: { done: 'Loaded', notDone: 'Not loaded' },
        emptyBin: { done: 'Emptied', notDone: 'Not emptied' },
      },
      supervisorOnly: 'Cash: a supervisor answers this one.',
      confirm: {
        prompt: 'Confirm: {{verdict}}?',
        effects: {
          done: 'The journal counts it as done: its count moves by it, and it is logged once.',
          notDone: 'The journal counts nothing for it; it is logged as not done.',
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
    cardMaking: {
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
    },
  },
  errors: errorMessagesEn as ErrorMessages,
};

export type Messages = typeof en;
