import { useTranslation } from 'react-i18next';
import type { Countdown } from './countdown';

/** Seconds left, as text (not colour alone); the bar only appears in the warning window. */
export function CountdownBar({ countdown }: { countdown: Countdown }) {
  const { t } = useTranslation();
  return (
    <div
      className={`countdown${countdown.warning ? ' countdown--warning' : ''}`}
      data-testid="countdown"
      aria-live="off"
    >
      <span className="countdown__text">{t('countdown.secondsLeft', { count: countdown.secondsLeft })}</span>
      {countdown.warning ? (
        <span className="countdown__track" aria-hidden="true">
          <span
            className="countdown__fill"
            style={{ width: `${Math.round(countdown.remainingShare * 100)}%` }}
          />
        </span>
      ) : null}
    </div>
  );
}
