import { useTranslation } from 'react-i18next';
import type { SessionView } from '@kiosk/domain';
import { CountdownBar } from '../countdown/countdown-bar';
import { MoreTimePrompt } from '../countdown/more-time-prompt';
import { useCountdown } from '../countdown/use-countdown';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';
import { ErrorBox } from '../shell/error-box';
import { BalancePanel } from './balance-panel';
import { PinDots } from './pin-dots';
import type { SessionCommand, StepPresentation } from './screen-for-view';
import { StepIllustration } from './step-illustration';

const PRIMARY_LABEL: Record<SessionCommand, string> = {
  finish: 'common.finish',
  continue: 'common.continue',
  cancel: 'common.cancel',
  moreTime: 'countdown.moreTime',
};

/** One session step: its title, its one decision, its countdown and, if refused, why and what next. */
export function SessionScreen({ view, presentation }: { view: SessionView; presentation: StepPresentation }) {
  const { t, i18n } = useTranslation();
  const { send, pending } = useSend();
  const countdown = useCountdown(view.deadline);
  const command = (c: SessionCommand) => () => void send('session.command', { command: c });
  const stepKey = i18n.exists(`steps.${view.step}.title`) ? view.step : 'unknown';
  const title =
    view.step === 'ended' && view.outcome ? t(`outcomeTitle.${view.outcome}`) : t(`steps.${stepKey}.title`);
  const hint = t(`steps.${stepKey}.hint`);
  const { layout } = presentation;
  const stop = presentation.cancel ?? presentation.primary;
  const showCountdown = countdown !== null && !countdown.expired;
  const primaryLabel =
    layout === 'ended'
      ? t('common.done')
      : presentation.primary
        ? t(PRIMARY_LABEL[presentation.primary])
        : '';

  return (
    <section className={`session-screen session-screen--${layout}`} data-testid={`step-${view.step}`}>
      {view.journey ? <p className="journey-label">{t(`journeys.${view.journey}.title`)}</p> : null}
      <h2 className="screen-title" tabIndex={-1}>
        {title}
      </h2>
      {hint ? <p className="screen-hint">{hint}</p> : null}

      {view.error ? <ErrorBox code={view.error.code} message={view.error.message} /> : null}

      <div className="session-screen__content">
        <div className="session-screen__body">
          <StepIllustration layout={layout} />
          {layout === 'pinEntry' && view.pin ? <PinDots pin={view.pin} /> : null}
          {layout === 'balance' ? <BalancePanel view={view} /> : null}
          {layout === 'ended' && view.outcome && !view.error ? (
            <p className={`outcome outcome--${view.outcome}`} role="status" data-testid="outcome">
              <span aria-hidden="true">{view.outcome === 'completed' ? '✓ ' : 'ℹ '}</span>
              {t(`outcome.${view.outcome}`)}
            </p>
          ) : null}
        </div>

        {showCountdown || presentation.primary || presentation.cancel ? (
          <footer className="session-screen__footer">
            {showCountdown ? <CountdownBar countdown={countdown} /> : null}
            <div className="button-row">
              {presentation.primary ? (
                <BigButton busy={pending} onPress={command(presentation.primary)} testId="primary">
                  {primaryLabel}
                </BigButton>
              ) : null}
              {presentation.cancel ? (
                <BigButton
                  variant="secondary"
                  busy={pending}
                  onPress={command(presentation.cancel)}
                  testId="cancel"
                >
                  {t('common.cancel')}
                </BigButton>
              ) : null}
            </div>
          </footer>
        ) : null}
      </div>

      {countdown?.warning && !countdown.expired ? (
        <MoreTimePrompt
          countdown={countdown}
          busy={pending}
          onMoreTime={command('moreTime')}
          {...(stop ? { onStop: command(stop) } : {})}
        />
      ) : null}
    </section>
  );
}
