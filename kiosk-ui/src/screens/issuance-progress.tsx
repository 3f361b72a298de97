import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CARD_MAKING_STAGES } from '@kiosk/domain';
import type { Countdown } from '../countdown/countdown';
import type { JourneyView } from '../gateway/proposed-contract';

/**
 * Making a card (up to 300 s): the stages with their state in words and marks, a bar when the
 * daemon sends a percentage, and at most how long is left from the step's deadline (then instead
 * of "up to 5 minutes", which the time left would contradict; no "0 min", no "0 s").
 */
export function IssuanceProgress(props: { progress: JourneyView['progress']; countdown: Countdown | null }) {
  const { t } = useTranslation();
  const { progress, countdown } = props;
  const current = progress ? CARD_MAKING_STAGES.indexOf(progress.stage) : -1;
  const percent = progress?.percent;
  return (
    <div className="issuance" data-testid="issuance-progress">
      <div
        className="issuance__bar"
        role="progressbar"
        aria-label={t('steps.makingCard.title')}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== undefined ? { 'aria-valuenow': percent } : {})}
      >
        <span
          className={`issuance__fill${percent === undefined ? ' issuance__fill--indeterminate' : ''}`}
          style={percent !== undefined ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="screen-hint" aria-live="polite">
        {progressHint(t, percent, countdown && !countdown.expired ? countdown.secondsLeft : undefined)}
      </p>
      <ol className="issuance__stages">
        {CARD_MAKING_STAGES.map((stage, i) => {
          const state = i < current ? 'done' : i === current ? 'now' : 'later';
          return (
            <li key={stage} className={`issuance__stage issuance__stage--${state}`}>
              <span className="issuance__mark" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'now' ? '▶' : '○'}
              </span>
              {t(`issuance.stages.${stage}`)}
              {state === 'done' ? <span className="sr-only"> ({t('issuance.stageDone')})</span> : null}
              {state === 'now' ? <span className="sr-only"> ({t('issuance.stageNow')})</span> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The percentage (or the longest it takes when none is sent), then the time left when known. */
function progressHint(t: TFunction, percent: number | undefined, secondsLeft: number | undefined): string {
  if (secondsLeft === undefined) {
    return percent !== undefined ? t('issuance.percent', { percent }) : t('issuance.upTo');
  }
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  let left: string;
  if (minutes === 0) left = t('issuance.remainingSeconds', { seconds });
  else if (seconds === 0) left = t('issuance.remainingMinutes', { minutes });
  else left = t('issuance.remaining', { minutes, seconds });
  return percent !== undefined ? `${t('issuance.percent', { percent })} · ${left}` : left;
}
