import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayErrorBody } from '@kiosk/domain';
import type { DemoView } from '../gateway/proposed-contract';
import { useSend } from '../gateway/use-send';
import { DemoExtras } from './demo-extras';
import { DemoFaults } from './demo-faults';
import { DemoPinPad } from './demo-pin-pad';

/**
 * The emulators' control surface, in a side drawer apart from the resident's screen. Rendered
 * only when the kiosk view says demo.
 */
export function DemoDrawer({ demo, notice }: { demo: DemoView | null; notice: GatewayErrorBody | null }) {
  const { t } = useTranslation();
  // open beside the screen in landscape; in portrait it would cover the screen, so it starts closed
  const [open, setOpen] = useState(
    () => typeof window !== 'undefined' && window.matchMedia('(orientation: landscape)').matches,
  );
  const { send, pending } = useSend();
  if (!open) {
    return (
      <button type="button" className="demo-tab" onClick={() => setOpen(true)} data-testid="demo-open">
        {t('demo.open')}
      </button>
    );
  }
  const cards = demo?.cards ?? [];
  return (
    <aside className="demo-drawer" aria-label={t('demo.heading')} data-testid="demo-drawer">
      <div className="demo-drawer__head">
        <h2>{t('demo.heading')}</h2>
        <button
          type="button"
          className="demo-button"
          onClick={() => setOpen(false)}
          aria-label={t('demo.close')}
        >
          ✕
        </button>
      </div>

      {notice ? (
        <p className="demo-drawer__notice" role="alert" data-testid="demo-notice">
          <span aria-hidden="true">⚠ </span>
          {notice.code}: {notice.message}
        </p>
      ) : null}

      <h3>{t('demo.cards')}</h3>
      <ul className="demo-list">
        {cards.map((card) => (
          <li key={card.cardId} data-testid={`demo-card-${card.cardId}`} data-state={card.state}>
            <span>
              {card.label}{' '}
              <em>
                (
                {card.state
                  ? t('demo.stateAndPlace', {
                      state: t(`demo.cardStates.${card.state}`, { defaultValue: card.state }),
                      place: t(`demo.location.${card.location}`),
                    })
                  : t(`demo.location.${card.location}`)}
                )
              </em>
            </span>
            <span className="demo-list__actions">
              {card.location === 'outside' ? (
                <button
                  type="button"
                  className="demo-button"
                  disabled={pending}
                  onClick={() => void send('demo.card', { action: 'insert', cardId: card.cardId })}
                >
                  {t('demo.insert')}
                </button>
              ) : null}
              {card.location === 'atSlot' ? (
                <button
                  type="button"
                  className="demo-button"
                  disabled={pending}
                  onClick={() => void send('demo.card', { action: 'take', cardId: card.cardId })}
                >
                  {t('demo.take')}
                </button>
              ) : null}
              {card.location === 'inReader' ? (
                <button
                  type="button"
                  className="demo-button"
                  disabled={pending}
                  onClick={() => void send('demo.card', { action: 'remove', cardId: card.cardId })}
                >
                  {t('demo.pull')}
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>

      <h3>{t('demo.pinPad')}</h3>
      <p className="demo-drawer__hint">{t('demo.pinPadHint')}</p>
      <DemoPinPad />

      <DemoExtras demo={demo} />

      <h3>{t('demo.faults')}</h3>
      <DemoFaults faults={demo?.faults ?? []} />
    </aside>
  );
}
