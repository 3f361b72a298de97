import { useTranslation } from 'react-i18next';
import type { Journey } from '@kiosk/domain';
import { useGatewayState } from '../gateway/gateway-context';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';

/** What a resident can go on to with the card still in and the same identification. */
const WITH_THE_CARD_IN: readonly Journey[] = ['balance', 'records', 'withdraw', 'changePin'];

/** "Anything else?": the services the kiosk offers now that follow on with the card in the reader. */
export function FurtherJourneys() {
  const { t } = useTranslation();
  const { kiosk } = useGatewayState();
  const { send, pending } = useSend();
  const offered = WITH_THE_CARD_IN.filter((j) => kiosk?.journeysOffered.includes(j));
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
