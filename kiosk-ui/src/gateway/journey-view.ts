/**
 * What the journey screens can show beyond today's SessionView. These fields are a PROPOSAL for
 * `@kiosk/domain`'s SessionView (the daemon's toSessionView would fill them); the screens read
 * them when present and fall back to words alone when not. Nothing here is a secret: amounts,
 * record lines and progress only, never an ID number, a full card number or a PIN.
 */
import type { Fen, SessionView } from '@kiosk/domain';

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

/** Inbound events the journey screens need beyond the current contract (also a proposal). */
export interface ProposedInbound {
  /** chooseAmount: the amount the resident picked */
  'session.amount': { readonly amountFen: Fen };
}
