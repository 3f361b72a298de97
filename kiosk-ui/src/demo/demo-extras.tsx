import { useTranslation } from 'react-i18next';
import { formatYuan } from '@kiosk/domain';
import type { DemoView } from '../gateway/proposed-contract';
import { useSend } from '../gateway/use-send';

const FACE_SCORES = [95, 72, 40] as const;

/**
 * Demo controls beyond the card reader: ID cards, the face-match score, the cash at the slot,
 * receipt and card-face previews. Each section appears only when the daemon's demo state carries
 * its field, so no button here is dead.
 */
export function DemoExtras({ demo }: { demo: DemoView | null }) {
  const { t } = useTranslation();
  const { send, pending } = useSend();
  if (demo === null) return null;
  return (
    <>
      {demo.idCards ? (
        <>
          <h3>{t('demo.idCards')}</h3>
          <ul className="demo-list">
            {demo.idCards.map((card) => (
              <li
                key={card.idCardId}
                data-testid={`demo-id-${card.idCardId}`}
                data-on-reader={card.location === 'onReader'}
              >
                <span>{card.label}</span>
                <button
                  type="button"
                  className="demo-button"
                  disabled={pending}
                  onClick={() =>
                    void send(
                      'demo.idCard',
                      card.location === 'outside'
                        ? { action: 'place', idCardId: card.idCardId }
                        : { action: 'remove', idCardId: card.idCardId },
                    )
                  }
                >
                  {card.location === 'outside' ? t('demo.placeId') : t('demo.removeId')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {/* the camera sits beside the ID reader: its score can be set before any was set */}
      {demo.faceScore !== undefined || demo.idCards ? (
        <>
          <h3>{t('demo.faceScore', { score: demo.faceScore ?? '—' })}</h3>
          <div className="demo-row">
            {FACE_SCORES.map((score) => (
              <button
                key={score}
                type="button"
                className="demo-button"
                aria-pressed={demo.faceScore === score}
                disabled={pending}
                onClick={() => void send('demo.face', { score })}
              >
                {score}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {demo.cash?.atSlot ? (
        <>
          <h3>{t('demo.cash')}</h3>
          <button
            type="button"
            className="demo-button demo-button--wide"
            disabled={pending}
            onClick={() => void send('demo.cash', { action: 'take' })}
            data-testid="demo-take-cash"
          >
            {t('demo.takeCash')}
            {demo.cash.amountFen !== undefined ? ` (¥ ${formatYuan(demo.cash.amountFen)})` : ''}
          </button>
        </>
      ) : null}
      {demo.receipt ? (
        <>
          <h3>{t('demo.receipt')}</h3>
          {isDemoImage(demo.receipt.pngUrl) ? (
            <img
              className="demo-preview"
              src={demo.receipt.pngUrl}
              alt={t('demo.receipt')}
              data-testid="demo-receipt-image"
            />
          ) : (
            <pre className="demo-preview demo-preview--text">{demo.receipt.text}</pre>
          )}
        </>
      ) : null}
      {demo.newCard?.atSlot ? (
        <>
          <h3>{t('demo.newCard')}</h3>
          <button
            type="button"
            className="demo-button"
            disabled={pending}
            onClick={() => void send('demo.newCard', { action: 'take' })}
            data-testid="demo-take-new-card"
          >
            {t('demo.takeNewCard')}
          </button>
        </>
      ) : null}
      {demo.payment?.pending ? (
        <button
          type="button"
          className="demo-button"
          disabled={pending}
          onClick={() => void send('demo.payment', { action: 'pay' })}
          data-testid="demo-pay-qr"
        >
          {t('demo.payQr')}
        </button>
      ) : null}
      {isDemoImage(demo.newCard?.facePngUrl) ? (
        <>
          <h3>{t('demo.cardFace')}</h3>
          <img
            className="demo-preview"
            src={demo.newCard?.facePngUrl}
            alt={t('demo.cardFace')}
            data-testid="demo-card-face"
          />
        </>
      ) : null}
    </>
  );
}

/**
 * The daemon's address of a demo image (`/demo/images/<hash>.png`, same origin): loaded once per
 * image, the address changing only with it. Anything else (another site, a script URL) is not shown.
 */
function isDemoImage(url: string | undefined): url is string {
  return url !== undefined && /^\/demo\/images\/[0-9a-f]{16}\.png$/.test(url);
}
