/**
 * A replacement's application at the host (RULES.md "Issuing a card on the spot"): the old card
 * reported lost, or damaged (kept by the resident until the new card is issued, or handed in at a
 * kiosk and cancelled at once).
 */
import { ErrorCode } from '@kiosk/domain';
import { applyCardEvent } from '../cards/card-lifecycle.service.js';
import { effectiveCardState, findCard, requireHolder, STATE_ADVICE } from '../cards/card-rules.js';
import type { HostContext } from '../host-context.js';
import { HostError } from '../http/host-error.js';
import type { Application } from '../store/host-records.js';
import type { ApplicationView } from './issuance.schemas.js';
import { applicationView } from './issuance.service.js';

/**
 * Opens (or returns the open) replacement application. A lost card's loss is confirmed; a damaged
 * card handed in (captured by the kiosk) is cancelled at once, as it is out of the resident's
 * hands; a damaged card kept by the resident is cancelled when the new card is issued.
 */
export function requestReplacement(
  ctx: HostContext,
  kioskId: string,
  cardNumber: string,
  idNumber: string,
  reason: 'lost' | 'damaged',
  { handedIn = false }: { readonly handedIn?: boolean } = {},
): ApplicationView {
  const card = findCard(ctx, cardNumber);
  const holder = requireHolder(ctx, card, idNumber);
  const handIn = (): void => {
    if (!handedIn || effectiveCardState(ctx, card) === 'cancelled') return;
    applyCardEvent(ctx, card, 'cancel', kioskId);
    ctx.store.record({
      at: ctx.now().toISOString(),
      kioskId,
      action: 'card.handedInDamaged',
      cardNumber,
      outcome: 'ok',
    });
  };
  const open = ctx.store
    .applicationsOf(holder.residentNo)
    .find((a) => a.replacesCardNumber === cardNumber && (a.status === 'awaitingFee' || a.status === 'ready'));
  if (open) {
    handIn();
    return applicationView(open);
  }
  const state = effectiveCardState(ctx, card);
  const allowed =
    reason === 'lost'
      ? ['active', 'temporarilyLost', 'lost']
      : handedIn
        ? ['active', 'temporarilyLost']
        : ['active'];
  if (!allowed.includes(state)) {
    throw new HostError(
      409,
      ErrorCode.CARD_STATE_CONFLICT,
      `No replacement for this card: ${STATE_ADVICE[state]}`,
    );
  }
  if (reason === 'lost' && state !== 'lost') applyCardEvent(ctx, card, 'confirmLoss', kioskId);
  handIn();
  const application: Application = {
    applicationNo: ctx.store.nextApplicationNo(),
    residentNo: holder.residentNo,
    kind: 'replacement',
    // no fee in the region: ready to be made at once
    status: ctx.rules.replacementFeeFen > 0 ? 'awaitingFee' : 'ready',
    createdAt: ctx.now().toISOString(),
    replacesCardNumber: cardNumber,
    replacement: { reason, handedIn },
    feeFen: ctx.rules.replacementFeeFen,
    feePaidBy: null,
    reservedCardNumber: null,
    issuedCardNumber: null,
    chipSerial: null,
  };
  ctx.store.applications.set(application.applicationNo, application);
  ctx.store.record({
    at: application.createdAt,
    kioskId,
    action: 'application.replacement',
    cardNumber,
    outcome: 'ok',
  });
  return applicationView(application);
}
