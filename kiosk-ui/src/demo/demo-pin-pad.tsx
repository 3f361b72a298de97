import { useTranslation } from 'react-i18next';
import { PIN_PAD_KEYS } from '@kiosk/domain';
import { useSend } from '../gateway/use-send';

type PinPadKey = (typeof PIN_PAD_KEYS)[number];

const LAYOUT: readonly PinPadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'enter'];

/**
 * Stands in for the hardware PIN pad: each key goes to the emulated pad as it is pressed. Nothing
 * typed is kept or shown here; the session view's dots are the only echo.
 */
export function DemoPinPad() {
  const { t } = useTranslation();
  const { send } = useSend();
  const press = (key: PinPadKey) => () => void send('demo.pinpad', { key });
  return (
    <div className="demo-pin-pad" role="group" aria-label={t('demo.pinPad')}>
      {LAYOUT.map((key) => (
        <button
          key={key}
          type="button"
          className={`pad-key pad-key--${key.length === 1 ? 'digit' : key}`}
          onClick={press(key)}
          data-testid={`pad-${key}`}
        >
          {key.length === 1 ? key : t(`demo.keys.${key}`)}
        </button>
      ))}
      <button
        type="button"
        className="pad-key pad-key--cancel pad-key--wide"
        onClick={press('cancel')}
        data-testid="pad-cancel"
      >
        {t('demo.keys.cancel')}
      </button>
    </div>
  );
}
