import { useTranslation } from 'react-i18next';
import type { Journey } from '@kiosk/domain';
import { useGatewayState } from '../gateway/gateway-context';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';

/** What a resident can go on to with the card still in and the same identification. */
const WITH_THE_CARD_IN: readonly Journey[] = ['balance', 'records', 'withdraw', 'changePin'];
/**
 * After a card made on the spot (new or replacement) no card is in the reader and the new one is
 * not activated yet: the one service that follows is activating it (the rules: "offer PIN
 * activation"), the new card inserted for it.
 */
const AFTER_CARD_MAKING: readonly Journey[] = ['activatePin'];
const CARD_MAKING: readonly Journey[] = ['issueCard', 'replaceCard'];

/** A card at its unprinted-records limit may go on only to printing them (RULES.md). */
const RECORDS_ONLY: readonly Journey[] = ['records'];

/**
 * The services that follow on from this journey, in the order offered: only the records while the
 * card is at its unprinted-records limit (the view's `recordsPrintRequired`).
 */
export function furtherJourneysAfter(
  journey: Journey | null,
  recordsPrintRequired = false,
): readonly Journey[] {
  if (recordsPrintRequired) return RECORDS_ONLY;
  return journey !== null && CARD_MAKING.includes(journey) ? AFTER_CARD_MAKING : WITH_THE_CARD_IN;
}

/** "Anything else?": the services the kiosk offers now that follow on from the journey just done. */
export function FurtherJourneys(props: { after: Journey | null; recordsPrintRequired?: boolean }) {
  const { t } = useTranslation();
  const { kiosk } = useGatewayState();
  const { send, pending } = useSend();
  const offered = furtherJourneysAfter(props.after, props.recordsPrintRequired).filter((j) =>
    kiosk?.journeysOffered.includes(j),
  );
  if (offered.length === 0) return null;
  return (
    <div className="journey-grid journey-grid--further" data-testid="further-journeys">
      {offered.map((journey) => (
        <BigButton
          key={journey}
          busy={pending}
          hint={t(`journeys.${journey}.hint`)}
          testId={`journey-${journey}`}
          onPress={() => void send('session.start', { journey })}
        >
          {t(`journeys.${journey}.title`)}
        </BigButton>
      ))}
    </div>
  );
}
