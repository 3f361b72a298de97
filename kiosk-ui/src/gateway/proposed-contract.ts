/**
 * What the screens can use beyond today's gateway contract: a PROPOSAL for `@kiosk/domain`
 * (SessionView and DemoState fields, inbound events). The screens read these fields when present
 * and fall back to words alone when not; the proposed events are answered GATEWAY_UNKNOWN_EVENT
 * until the daemon takes them. Nothing here is a secret: amounts, record lines, progress and demo
 * previews only, never an ID number, a full card number or a PIN.
 */
import type { DemoState, Fen, SessionView } from '@kiosk/domain';

export interface AccountRecordView {
  /** ISO 8601 */
  readonly at: string;
  /** 'outpatient', 'pharmacy', 'deposit', 'withdrawal', ... */
  readonly kind: string;
  /** signed: negative for spending */
  readonly amountFen: Fen;
  readonly balanceAfterFen: Fen;
  readonly place?: string;
}

export interface JourneyViewFields {
  /** showRecords: the last records, latest first */
  readonly records?: {
    readonly items: readonly AccountRecordView[];
    readonly unprintedCount?: number;
    /** false when the receipt printer cannot print: the print button is hidden */
    readonly printAvailable?: boolean;
  };
  /** chooseAmount, cashWithdrawn: what may be taken and what was paid */
  readonly withdrawal?: {
    /** amounts to offer as buttons, each a multiple of the smallest note and within every cap */
    readonly amountsFen?: readonly Fen[];
    readonly maxFen?: Fen;
    readonly noteFen?: Fen;
    readonly paidFen?: Fen;
  };
  /** makingCard: where the card printer is (up to 300 s in all) */
  readonly progress?: {
    readonly stage: 'pickingBlank' | 'encodingChip' | 'printingFace' | 'checking' | 'presenting';
    /** 0..100 */
    readonly percent?: number;
    /** epoch ms when making started, so elapsed time survives a reload */
    readonly startedAt?: number;
  };
  /** matchingFace, faceNotMatched */
  readonly face?: { readonly triesLeft: number };
  /** payFee */
  readonly fee?: { readonly amountFen: Fen };
}

export type JourneyView = SessionView & JourneyViewFields;

/** What the demo panel can also show and drive once the emulators expose it. */
export interface ProposedDemoFields {
  /** resident ID cards for the ID reader emulator */
  readonly idCards?: readonly {
    readonly idCardId: string;
    readonly label: string;
    readonly location: 'outside' | 'onReader';
  }[];
  /** the score the camera emulator will answer with next (0..100; accepted at 70) */
  readonly faceScore?: number;
  /** cash presented at the slot */
  readonly cash?: { readonly atSlot: boolean; readonly amountFen?: Fen };
  /** the last receipt the printer emulator printed (image as a data: URL, or plain text) */
  readonly receipt?: { readonly pngDataUrl?: string; readonly text?: string };
  /** the face of the last card the card printer emulator printed (a data: URL) */
  readonly cardFace?: { readonly pngDataUrl: string };
}

export type DemoView = DemoState & ProposedDemoFields;

/** Inbound events beyond the current contract (also a proposal). */
export interface ProposedInbound {
  /** chooseAmount: the amount the resident picked */
  'session.amount': { readonly amountFen: Fen };
  /** demo: place an ID card on the reader or take it off */
  'demo.idCard': { readonly action: 'place' | 'remove'; readonly idCardId?: string };
  /** demo: the camera's next face-match score */
  'demo.face': { readonly score: number };
  /** demo: take the cash from the slot */
  'demo.cash': { readonly action: 'take' };
}
