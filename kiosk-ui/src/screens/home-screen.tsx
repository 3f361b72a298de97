import { useTranslation } from 'react-i18next';
import type { Journey } from '@kiosk/domain';
import { useSend } from '../gateway/use-send';
import { reasonText } from '../i18n/error-text';
import { useMessages } from '../i18n/use-messages';
import { BigButton } from '../shell/big-button';

const JOURNEY_ICONS: Record<Journey, string> = {
  balance: '¥',
  records: '☰',
  withdraw: '⇩',
  issueCard: '▭',
  replaceCard: '⟳',
  activatePin: '✓',
  changePin: '✎',
  resetPin: '↺',
  reportLoss: '⚠',
};

/** One decision: which service. Only the journeys the kiosk view offers are shown. */
export function HomeScreen({
  journeys,
  degradedReason,
  cardLeftAtSlot,
}: {
  journeys: readonly Journey[];
  degradedReason?: string;
  /** the card left in the reader sticks out of its slot: the next person is told so, and whom to give it */
  cardLeftAtSlot?: boolean;
}) {
  const { t } = useTranslation();
  const { messages } = useMessages();
  const { send, pending } = useSend();
  return (
    <section className="home-screen" data-testid="screen-home">
      <h2 className="screen-title">{t('kiosk.chooseService')}</h2>
      {degradedReason ? (
        <p className="notice-line" role="status" data-testid="degraded-reason">
          <span aria-hidden="true">⚠ </span>
          {t('kiosk.degraded')} —{' '}
          {cardLeftAtSlot ? t('kiosk.cardLeftAtSlot') : reasonText(messages, degradedReason)}
        </p>
      ) : null}
      <div className="journey-grid">
        {journeys.map((journey) => (
          <BigButton
            key={journey}
            busy={pending}
            hint={t(`journeys.${journey}.hint`)}
            testId={`journey-${journey}`}
            onPress={() => void send('session.start', { journey })}
          >
            <span className="journey-icon" aria-hidden="true">
              {JOURNEY_ICONS[journey]}
            </span>
            {t(`journeys.${journey}.title`)}
          </BigButton>
        ))}
      </div>
    </section>
  );
}
