/**
 * The end of a staff visit: log out (self test, then placed by the devices; an operator's hold
 * from the fleet stays), and, while such a hold is on and the role may, return to service, which
 * releases it (ADR 0010). The daemon's view says whether there is a hold; nothing is decided here.
 */
import { useTranslation } from 'react-i18next';
import type { MaintenanceView } from '@kiosk/domain';
import { useKioskTime } from './kiosk-time';

/** Who is logged in, in which role, and until when, in the kiosk's local time. */
export function VisitLine({ view }: { view: Pick<MaintenanceView, 'staffId' | 'role' | 'expiresAt'> }) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  return (
    <p data-testid="staff-visit">
      {t('staff.visit', {
        staffId: view.staffId,
        role: t(`staff.roles.${view.role}`),
        time: kioskTime(view.expiresAt, 'time'),
      })}
    </p>
  );
}

export function VisitEnd(props: {
  view: Pick<MaintenanceView, 'operatorHold' | 'actions'>;
  busy: boolean;
  onLogOut: () => void;
  onReturnToService: () => void;
}) {
  const { view, busy } = props;
  const { t } = useTranslation();
  const held = view.operatorHold !== null;
  return (
    <div className="staff-menu__visit-end" data-testid="staff-visit-end">
      {held ? (
        <p data-testid="staff-operator-hold">{t('staff.operatorHold', { code: view.operatorHold })}</p>
      ) : null}
      <button type="button" className="tool-button" onClick={props.onLogOut} disabled={busy}>
        {held ? t('staff.logOutHeld') : t('staff.logOut')}
      </button>
      {held && view.actions.includes('returnToService') ? (
        <button
          type="button"
          className="tool-button"
          onClick={props.onReturnToService}
          disabled={busy}
          data-testid="staff-return-to-service"
        >
          {t('staff.returnToService')}
        </button>
      ) : null}
    </div>
  );
}
