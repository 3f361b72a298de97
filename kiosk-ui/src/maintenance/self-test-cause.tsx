/**
 * What the last self test failed of, for the field engineer at the kiosk (the kiosk view's `cause`,
 * beside SELF_TEST_FAILED and through the visit that follows): its words and its code, on the log-in
 * screen and the menu alike. Nothing when the last self test passed.
 */
import { useTranslation } from 'react-i18next';
import { useGatewayState } from '../gateway/gateway-context';
import { useMessages } from '../i18n/use-messages';
import { faultWords } from './staff-device-row';

export function SelfTestCause() {
  const { t } = useTranslation();
  const { messages } = useMessages();
  const cause = useGatewayState().kiosk?.cause;
  if (cause === undefined) return null;
  return (
    <p className="staff-menu__notice" role="status" data-testid="staff-self-test-cause">
      {t('staff.selfTestFailedOf', { what: faultWords(messages, cause), code: cause })}
    </p>
  );
}
