import { useTranslation } from 'react-i18next';
import { reasonText } from '../i18n/error-text';
import { useMessages } from '../i18n/use-messages';

export type StatusKind = 'reconnecting' | 'starting' | 'outOfService' | 'maintenance';

/** The screens with nothing to touch: the kiosk is not ready for a resident. */
export function StatusScreen({ kind, reason }: { kind: StatusKind; reason?: string }) {
  const { t } = useTranslation();
  const { messages } = useMessages();
  const [title, hint] = {
    reconnecting: [t('kiosk.reconnecting'), t('kiosk.reconnectingHint')],
    starting: [t('kiosk.starting'), ''],
    outOfService: [t('kiosk.outOfService'), t('kiosk.outOfServiceHint')],
    maintenance: [t('kiosk.maintenance'), t('kiosk.maintenanceHint')],
  }[kind];
  return (
    <section className={`status-screen status-screen--${kind}`} data-testid={`screen-${kind}`}>
      <div className="status-screen__icon" aria-hidden="true">
        {kind === 'starting' || kind === 'reconnecting' ? (
          <span className="spinner" />
        ) : (
          <span className="no-entry" />
        )}
      </div>
      <h2 className="screen-title" role="status">
        {title}
      </h2>
      {hint ? <p className="screen-hint">{hint}</p> : null}
      {reason ? (
        <p className="screen-hint">{t('kiosk.reason', { reason: reasonText(messages, reason) })}</p>
      ) : null}
    </section>
  );
}
