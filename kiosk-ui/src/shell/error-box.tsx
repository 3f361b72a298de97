import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@kiosk/domain';
import { errorText } from '../i18n/error-text';
import { useMessages } from '../i18n/use-messages';

/** A refusal: what happened and what to do next, marked by an icon and a heading, not colour alone. */
export function ErrorBox(props: {
  code: ErrorCode | string;
  message?: string;
  /** what happened where the screen knows better than the code's words (the journey's own) */
  what?: string;
  /** what to do next where the screen knows better than the code's words */
  next?: string;
  /** what the screen knows of this refusal beyond its code (staff screens: the device and its fault) */
  detail?: string;
  onDismiss?: () => void;
}) {
  const { t } = useTranslation();
  const { messages } = useMessages();
  const text = errorText(messages, props.code, props.message);
  return (
    <section className="error-box" role="alert" data-testid="error-box" data-code={props.code}>
      <h2 className="error-box__heading">
        <span className="error-box__icon" aria-hidden="true">
          !
        </span>
        {t('errorBox.heading')}
      </h2>
      <p className="error-box__what">{props.what ?? text.what}</p>
      {props.detail ? (
        <p className="error-box__detail" data-testid="error-box-detail">
          {props.detail}
        </p>
      ) : null}
      <p className="error-box__next">
        <strong>{t('errorBox.next')}: </strong>
        {props.next ?? text.next}
      </p>
      {props.onDismiss ? (
        <button type="button" className="tool-button" onClick={props.onDismiss}>
          {t('common.dismiss')}
        </button>
      ) : null}
    </section>
  );
}
