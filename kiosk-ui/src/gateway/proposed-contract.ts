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

export type WeakPinRule = 'format' | 'default' | 'repeated' | 'sequence' | 'birthDate';

/**
 * The journey's extras, the same shape as `JourneyDetails` from `@kiosk/state-machines`
 * (`journeyDetailsOf(snapshot)`), expected in the view as `details`. It belongs in the domain's
 * SessionView; it is mirrored here so the UI does not depend on the state machines.
 */
export type JourneyDetailsView =
  | { readonly kind: 'identify'; readonly faceTriesLeft: number }
  | {
      readonly kind: 'records';
      readonly records: readonly AccountRecordView[];
      readonly unprintedCount: number;
      readonly recordsUntilPrintRequired: number;
      readonly printAvailable: boolean;
      readonly printed: boolean;
    }
  | {
      readonly kind: 'withdraw';
      readonly balanceFen?: Fen;
      /** the largest amount the kiosk accepts now, in whole notes (0: none today) */
      readonly largestFen: Fen;
      readonly noteFen: Fen;
      readonly singleMaxFen: Fen;
      readonly withdrawalsLeftToday?: number;
      readonly amountFen?: Fen;
      /** false: warn that no receipt can be printed */
      readonly receiptAvailable: boolean;
    }
  | { readonly kind: 'newPin'; readonly triesLeft: number; readonly weakRule?: WeakPinRule }
  | { readonly kind: 'reportLoss'; readonly lapsesOn?: string };

export interface JourneyViewFields {
  readonly details?: JourneyDetailsView;
  /** makingCard: where the card printer is (up to 300 s in all); not in JourneyDetails yet */
  readonly progress?: {
    readonly stage: 'pickingBlank' | 'encodingChip' | 'printingFace' | 'checking' | 'presenting';
    /** 0..100 */
    readonly percent?: number;
  };
  /** payFee: the replacement fee; not in JourneyDetails yet */
  readonly fee?: { readonly amountFen: Fen };
}

/** The details of one kind, or undefined. */
export function detailsOf<K extends JourneyDetailsView['kind']>(
  view: JourneyViewFields,
  kind: K,
): Extract<JourneyDetailsView, { kind: K }> | undefined {
  const details = view.details;
  return details?.kind === kind ? (details as Extract<JourneyDetailsView, { kind: K }>) : undefined;
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
