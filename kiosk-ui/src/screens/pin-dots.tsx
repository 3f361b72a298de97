import { useTranslation } from 'react-i18next';

/** How many digits are in: never which. Filled and empty dots differ in shape, not only colour. */
export function PinDots({ pin }: { pin: { entered: number; length: number; attemptsLeft?: number } }) {
  const { t } = useTranslation();
  const dots = Array.from({ length: pin.length }, (_, i) => i < pin.entered);
  return (
    <div className="pin-entry">
      <div
        className="pin-dots"
        role="img"
        aria-label={t('pin.entered', { entered: pin.entered, length: pin.length })}
        data-testid="pin-dots"
        data-entered={pin.entered}
      >
        {dots.map((filled, i) => (
          <span key={i} className={`pin-dot${filled ? ' pin-dot--filled' : ''}`} aria-hidden="true" />
        ))}
      </div>
      <p className="screen-hint" aria-live="polite">
        {t('pin.entered', { entered: pin.entered, length: pin.length })}
      </p>
      {pin.attemptsLeft !== undefined ? (
        <p className="notice-line" data-testid="attempts-left">
          <span aria-hidden="true">⚠ </span>
          {t('pin.attemptsLeft', { count: pin.attemptsLeft })}
        </p>
      ) : null}
      <p className="screen-hint">{t('pin.privacy')}</p>
    </div>
  );
}
