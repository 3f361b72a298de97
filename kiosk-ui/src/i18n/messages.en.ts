/**
 * English messages. This object's shape is the catalogue's shape: zh-CN must have the same keys.
 * Error messages say what happened and what to do next.
 */
import type { ServiceReason } from '@kiosk/domain';
import type { ErrorMessages } from './error-messages';
import { errorMessagesEn } from './error-messages.en';
import { demoMessagesEn } from './demo-messages.en';
import { recordsEn } from './records-messages.en';
import { staffMessagesEn } from './staff-messages.en';
import { journeyStepsEn, stepsEn } from './step-messages.en';

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
    loading: 'Loading…',
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
    cardLeftAtSlot:
      "Someone's card is left sticking out of the card reader slot. Services that need a card are paused until it is taken out: please hand it to staff.",
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
  journeySteps: journeyStepsEn,
  steps: stepsEn,
  face: {
    retry: 'Try again',
    triesLeft_one: '{{count}} try left',
    triesLeft_other: '{{count}} tries left',
  },
  records: recordsEn,
  withdraw: {
    left_one: '{{count}} withdrawal left today',
    left_other: '{{count}} withdrawals left today',
    noReceipt: 'No receipt can be printed at this kiosk now.',
    amount: '¥ {{amount}}',
    amountLabel: 'Withdraw {{amount}} yuan',
    max: 'Up to {{amount}} yuan now',
    note: 'In steps of {{amount}} yuan',
    /** an amount in no steps of the smallest note held (ADR 0021): that step, as `note` names it */
    noteMultipleNext: 'Please choose an amount in steps of {{amount}} yuan.',
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
    /** what next when the personal account cannot pay the fee (the fee has one amount: no "smaller amount") */
    accountShortPayQr: 'Please pay by QR code instead.',
    accountShortAtCounter: 'Please pay the fee at a service counter.',
    /** Cancel or the ID card lifted while the account's payment is at the office */
    finishingWithOffice:
      'The kiosk is finishing with the social-security office: the payment was already sent. If the fee is taken, your card is made; if not, the service ends.',
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
      format: 'The PIN must be {{length}} digits.',
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
    /** the office lists no card in use of the resident's (CARD_NOT_FOUND of the report's road) */
    noCardInUse: {
      what: 'You have no social-security card in use, so there is none to report lost.',
      next: 'If you have not received your card yet, or it was cancelled, please ask at a service counter.',
    },
  },
  pin: {
    entered: '{{entered}} of {{length}} digits entered',
    attemptsLeft_one: '{{count}} attempt left',
    attemptsLeft_other: '{{count}} attempts left',
    privacy: 'Shield the keypad with your hand.',
    lockedNextAtCounter:
      'Take your card back and bring it with your ID card to the service counter to unlock the PIN.',
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
  /** the card reader lost mid-session (pcscd restarting, its link dropped): the session waits for it */
  readerLost: {
    what: 'The card reader is reconnecting; your card stays where it is.',
    next: 'Please wait a moment: you can go on once this message is gone.',
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
  demo: demoMessagesEn,
  // the fee's QR code on the fee screen
  paymentQr: {
    label: 'QR code to pay the {{amount}} yuan fee with a phone',
    caption: 'Scan to pay {{amount}} yuan. The code can be paid until {{time}}.',
    waiting: 'Preparing the QR code…',
  },
  // maintenance: the staff screens (#/maintenance), field staff only
  staff: staffMessagesEn,
  errors: errorMessagesEn as ErrorMessages,
};

export type Messages = typeof en;
