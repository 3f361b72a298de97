import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from '../shell/big-button';
import type { Countdown } from './countdown';

/** "Need more time?": the only decision on screen once the warning time is reached. */
export function MoreTimePrompt(props: {
  countdown: Countdown;
  busy: boolean;
  onMoreTime: () => void;
  onStop?: () => void;
}) {
  const { t } = useTranslation();
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector('button')?.focus();
  }, []);
  // keep keyboard and switch users inside the dialog while it asks
  const trapFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab') return;
    const buttons = [...(first.current?.querySelectorAll('button') ?? [])];
    const [head, tail] = [buttons[0], buttons.at(-1)];
    if (event.shiftKey && document.activeElement === head) {
      event.preventDefault();
      tail?.focus();
    } else if (!event.shiftKey && document.activeElement === tail) {
      event.preventDefault();
      head?.focus();
    }
  };
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="more-time-title"
        data-testid="more-time-prompt"
        ref={first}
        onKeyDown={trapFocus}
      >
        <h2 id="more-time-title" className="screen-title">
          {t('countdown.needMoreTime')}
        </h2>
        <p className="modal__seconds" aria-live="polite">
          {t('countdown.secondsLeft', { count: props.countdown.secondsLeft })}
        </p>
        <div className="button-row">
          <BigButton busy={props.busy} onPress={props.onMoreTime} testId="more-time">
            {t('countdown.moreTime')}
          </BigButton>
          {props.onStop ? (
            <BigButton variant="secondary" busy={props.busy} onPress={props.onStop} testId="more-time-stop">
              {t('countdown.stop')}
            </BigButton>
          ) : null}
        </div>
      </div>
    </div>
  );
}
