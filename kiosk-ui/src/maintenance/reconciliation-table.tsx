/** The daemon's reconciliation report: before + refilled − used = after, per supply; then the card blanks. */
import { useTranslation } from 'react-i18next';
import type { ReconciliationReport } from '@kiosk/domain';
import { CardBlanksTable } from './card-blanks-table';
import { useKioskTime } from './kiosk-time';

export function ReconciliationTable({ report }: { report: ReconciliationReport }) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  return (
    <>
      <table className="staff-reconciliation" data-testid="staff-reconciliation">
        <caption>{t('staff.since', { time: kioskTime(report.since) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.columns.supply')}</th>
            <th scope="col">{t('staff.columns.before')}</th>
            <th scope="col">{t('staff.columns.byStaff')}</th>
            <th scope="col">{t('staff.columns.byKiosk')}</th>
            <th scope="col">{t('staff.columns.after')}</th>
            <th scope="col">{t('staff.columns.deviceNow')}</th>
            <th scope="col">{t('staff.columns.result')}</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr key={`${l.device}:${l.supply}`} data-reconciles={l.reconciles}>
              <th scope="row">
                {t(`staff.deviceNames.${l.device}`)} · {l.supply}
              </th>
              <td>{l.before}</td>
              <td>{l.role === 'bin' ? `−${l.byStaff}` : `+${l.byStaff}`}</td>
              <td>{l.role === 'bin' ? `+${l.byKiosk}` : `−${l.byKiosk}`}</td>
              <td>{l.after}</td>
              <td>{l.deviceNow ?? '—'}</td>
              <td>{l.reconciles ? t('staff.reconciles') : t('staff.doesNotReconcile')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.cardBlanks ? <CardBlanksTable blanks={report.cardBlanks} /> : null}
    </>
  );
}
