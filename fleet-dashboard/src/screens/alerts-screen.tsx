import { useEffect, useState } from 'react';
import type { AlertView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';
import { AlertTable } from './alert-table';

/** The active alerts (live), and the history (asked again whenever the active ones change). */
export function AlertsScreen() {
  const connection = useConnection();
  const { alerts } = useDashboardState();
  const { t } = useLabels();
  const [history, setHistory] = useState<readonly AlertView[] | null>(null);
  const [showHistory, setShowHistory] = useState(false);

  useEffect(() => {
    if (!showHistory) return;
    let current = true;
    void connection.send<'alerts.history', AlertView[]>('alerts.history', { limit: 200 }).then((ack) => {
      if (current && ack.ok && ack.data) setHistory(ack.data);
    });
    return () => {
      current = false;
    };
  }, [connection, alerts, showHistory]);

  return (
    <>
      <section aria-labelledby="active-alerts">
        <h2 id="active-alerts">{t.activeAlertList}</h2>
        <AlertTable alerts={alerts} />
      </section>
      <section aria-labelledby="alert-history">
        <h2 id="alert-history">{t.alertHistory}</h2>
        {showHistory ? (
          history && <AlertTable alerts={history} history />
        ) : (
          <button type="button" onClick={() => setShowHistory(true)}>
            {t.showHistory}
          </button>
        )}
      </section>
    </>
  );
}
