/** The recent journal for supervisors: the last transactions as the daemon gives them, masked. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../shell/error-box';
import { StaffApiError, type MaintenanceApi, type RecentTransaction } from './maintenance-api';
import { useKioskTime } from './kiosk-time';

export function RecentJournal({ api, token }: { api: MaintenanceApi; token: string }) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  const [rows, setRows] = useState<readonly RecentTransaction[] | null>(null);
  const [error, setError] = useState<StaffApiError | null>(null);
  const load = async () => {
    setError(null);
    try {
      setRows(await api.recentJournal(token));
    } catch (e) {
      setError(e instanceof StaffApiError ? e : new StaffApiError('INTERNAL', String(e)));
    }
  };
  return (
    <section>
      <h2>{t('staff.journalHeading')}</h2>
      <button type="button" className="tool-button" data-testid="staff-journal" onClick={() => void load()}>
        {t('staff.showJournal')}
      </button>
      {error ? <ErrorBox code={error.code} message={error.message} onDismiss={() => setError(null)} /> : null}
      {rows ? (
        <table className="staff-reconciliation" data-testid="staff-journal-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.journalColumns.time')}</th>
              <th scope="col">{t('staff.journalColumns.transaction')}</th>
              <th scope="col">{t('staff.journalColumns.journey')}</th>
              <th scope="col">{t('staff.journalColumns.outcome')}</th>
              <th scope="col">{t('staff.journalColumns.card')}</th>
              <th scope="col">{t('staff.journalColumns.steps')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{kioskTime(r.startedAt, 'second')}</td>
                <th scope="row">{r.id}</th>
                <td>{r.journey}</td>
                <td>
                  {r.outcome ?? r.status}
                  {r.errorCode ? ` (${r.errorCode})` : ''}
                </td>
                <td>{r.maskedCardNumber ?? '—'}</td>
                <td className="staff-journal__steps">{r.steps.join(' → ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
