/**
 * What the screens can use beyond today's gateway contract: a PROPOSAL for `@kiosk/domain`
 * (card-making progress and the fee in the session view, the printed card face in the demo
 * state). The screens read these fields when present and fall back to words alone when not.
 * Nothing here is a secret.
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

/** What the demo panel shows: the gateway's demo state (the card face now comes as `newCard.facePngUrl`). */
export type DemoView = DemoState;
