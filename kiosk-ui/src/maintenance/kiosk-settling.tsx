/**
 * Said on the staff menu while recovery is still at work on the devices (the view's `settling`):
 * the acts it holds back are left out of the menu until it has finished, and a refusal of one
 * (MAINTENANCE_KIOSK_SETTLING) is worded the same. The menu reads the view again every few
 * seconds, so they come back by themselves.
 */
import type { MaintenanceView } from '@kiosk/domain';
import { errorText } from '../i18n/error-text';
import { useMessages } from '../i18n/use-messages';

export function KioskSettling(props: { view: Pick<MaintenanceView, 'settling'> }) {
  const { messages } = useMessages();
  if (props.view.settling !== true) return null;
  const text = errorText(messages, 'MAINTENANCE_KIOSK_SETTLING');
  return (
    <p className="staff-menu__notice" role="status" data-testid="staff-settling">
      {text.what} {text.next}
    </p>
  );
}
