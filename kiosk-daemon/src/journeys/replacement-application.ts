/**
 * A replacement's application at the host (RULES.md "Issuing a card on the spot"): the resident's
 * open one, or one opened for their current card, reported lost (the host confirms the loss) or
 * handed in damaged at this kiosk (the host cancels it at once; told so even when a replacement is
 * already open, as the card is now in the capture bin).
 */
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { ApplicationView } from '@kiosk/host-simulator';
import type { IssueCardActorContracts } from '@kiosk/state-machines';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { byKey, withinStep, type AskedAgainOptions } from './asked-again-by-key.js';
import type { JourneyTools } from './journey-tools.js';

export async function openReplacement(
  deps: {
    readonly host: HostService;
    readonly issuance: IssuanceHostService;
    /** how the replacement is asked again while its outcome is unknown (the fee's tries) */
    readonly feeSettlement?: AskedAgainOptions;
    readonly config: Pick<KioskConfig, 'host' | 'timeouts'>;
  },
  tools: JourneyTools,
  input: IssueCardActorContracts['checkApplication']['input'],
  signal: AbortSignal,
  /** when the step began (its timer's start): the tries asked again fit what is left of it */
  startedAt: number,
  /** the card number the damaged card's chip named, when read: the replacement is for that card only */
  handedInCard?: string,
): Promise<ApplicationView> {
  const resident = await deps.host.resident(input.idNumber, signal);
  const open = resident.applications.find((a) => a.kind === 'replacement');
  const handedIn = input.replacementReason === 'damaged';
  if (open && !handedIn) return open;
  const replaceable = handedIn ? ['active', 'temporarilyLost'] : ['active', 'temporarilyLost', 'lost'];
  const oldNumber =
    open?.replacesCardNumber ?? resident.cards.find((c) => replaceable.includes(c.state))?.cardNumber;
  if (!oldNumber) {
    throw new KioskError(
      ErrorCode.CARD_STATE_CONFLICT,
      'There is no card of yours to replace; please go to a service counter.',
    );
  }
  if (handedIn && handedInCard !== undefined && handedInCard !== oldNumber) {
    await refuseOtherCardHandedIn(tools, oldNumber, handedInCard, resident.cards);
  }
  const reason = handedIn ? 'handedInDamaged' : 'lost';
  // an answer lost (none in time, a 5xx) is asked again by its key: the host may have confirmed the
  // loss (or cancelled the card handed in) and opened the application, and answers so, once
  const ask = () =>
    deps.issuance.requestReplacement(oldNumber, input.idNumber, tools.transactionId, signal, reason);
  const { host, timeouts } = deps.config;
  const tries = withinStep(deps.feeSettlement ?? {}, host.timeoutMs, timeouts.stepMs, startedAt);
  return tools.irreversible('host.replacement', () => byKey(ask, tries, signal), {
    card: maskCardNumber(oldNumber),
    reason,
  });
}

/**
 * The card handed in is not the one the replacement is for (an old card of the resident's, replaced
 * before: its chip names the holder, so the hand-in took it): the host is told nothing, so the card
 * the resident still holds is not cancelled for it. Journaled (both numbers masked) and refused.
 */
async function refuseOtherCardHandedIn(
  tools: JourneyTools,
  current: string,
  handedIn: string,
  cards: readonly { readonly cardNumber: string; readonly state: string }[],
): Promise<never> {
  const state = cards.find((c) => c.cardNumber === handedIn)?.state ?? 'unknown';
  await tools.step('host.replacement', {
    skipped: 'notTheCardToReplace',
    card: maskCardNumber(current),
    handedIn: maskCardNumber(handedIn),
    handedInState: state,
  });
  throw new KioskError(
    state === 'cancelled' ? ErrorCode.CARD_CANCELLED : ErrorCode.CARD_STATE_CONFLICT,
    'The card you put in is not your current card, so it was kept and nothing was changed. To replace your current card, report it lost, or hand in that card.',
  );
}
