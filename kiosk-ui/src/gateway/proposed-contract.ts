/**
 * What the screens can use beyond today's gateway contract: a PROPOSAL for `@kiosk/domain`
 * (card-making progress and the fee in the session view, demo emulator controls). The screens
 * read these fields when present and fall back to words alone when not; the proposed events are
 * answered GATEWAY_UNKNOWN_EVENT until the daemon takes them. Nothing here is a secret.
 */
import type { DemoState, Fen, JourneyDetails, SessionViewWithDetails } from '@kiosk/domain';

export interface JourneyViewFields {
  /** makingCard: where the card printer is (up to 300 s in all); not in JourneyDetails yet */
  readonly progress?: {
    readonly stage: 'pickingBlank' | 'encodingChip' | 'printingFace' | 'checking' | 'presenting';
    /** 0..100 */
    readonly percent?: number;
  };
  /** payFee: the replacement fee; not in JourneyDetails yet */
  readonly fee?: { readonly amountFen: Fen };
}

/** The running journey's details of one kind, or undefined. */
export function detailsOf<K extends JourneyDetails['kind']>(
  view: JourneyView,
  kind: K,
): Extract<JourneyDetails, { kind: K }> | undefined {
  const details = view.details;
  return details?.kind === kind ? (details as Extract<JourneyDetails, { kind: K }>) : undefined;
}

/** The session view as the gateway sends it (with the journey's details), plus the proposals. */
export type JourneyView = SessionViewWithDetails & JourneyViewFields;

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
  /** the face of the last card the card printer emulator printed (a data: URL) */
  readonly cardFace?: { readonly pngDataUrl: string };
}

export type DemoView = DemoState & ProposedDemoFields;

/** Inbound events beyond the current contract (also a proposal). */
export interface ProposedInbound {
  /** demo: place an ID card on the reader or take it off */
  'demo.idCard': { readonly action: 'place' | 'remove'; readonly idCardId?: string };
  /** demo: the camera's next face-match score */
  'demo.face': { readonly score: number };
  /** demo: take the cash from the slot */
  'demo.cash': { readonly action: 'take' };
}
