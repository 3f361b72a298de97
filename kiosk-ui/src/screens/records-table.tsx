import { useTranslation } from 'react-i18next';
import { formatYuan, type JourneyDetails } from '@kiosk/domain';
import { useKioskTimeZone } from '../display/kiosk-time-zone';

type RecordsDetails = Extract<JourneyDetails, { kind: 'records' }>;

/** The latest records, as a real table so screen readers announce each column. */
export function RecordsTable({ details }: { details: RecordsDetails }) {
  const { t, i18n } = useTranslation();
  const timeZone = useKioskTimeZone();
  const kinds = t('records.kinds', { returnObjects: true }) as Record<string, string | undefined>;
  return (
    <div className="records">
      {details.unprintedCount > 0 ? (
        <p className="notice-line" data-testid="records-unprinted">
          <span aria-hidden="true">ⓘ </span>
          {t('records.unprinted', { count: details.unprintedCount })}
          <span className="notice-line__more">
            {details.recordsUntilPrintRequired > 0
              ? t('records.untilPrintRequired', { count: details.recordsUntilPrintRequired })
              : t('records.printRequired')}
          </span>
        </p>
      ) : null}
      {details.records.length === 0 ? (
        <p className="screen-hint">{t('records.none')}</p>
      ) : (
        <div className="records__scroll" tabIndex={0} role="region" aria-label={t('steps.showRecords.title')}>
          <table className="records__table" data-testid="records-table">
            <caption>{t('records.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('records.date')}</th>
                <th scope="col">{t('records.kind')}</th>
                <th scope="col" className="num">
                  {t('records.amount')}
                </th>
                <th scope="col" className="num">
                  {t('records.balanceAfter')}
                </th>
              </tr>
            </thead>
            <tbody>
              {details.records.map((record, i) => (
                <tr key={`${record.at}-${i}`}>
                  <td>{new Date(record.at).toLocaleDateString(i18n.language, { timeZone })}</td>
                  <td>
                    {kinds[record.kind] ?? record.kind}
                    {record.detail ? (
                      <div className="records__place">{t(`records.details.${record.detail}`)}</div>
                    ) : record.description ? (
                      // a kind or detail the host added: its own wording, masked by the daemon
                      <div className="records__place" data-testid="record-description">
                        {record.description}
                      </div>
                    ) : null}
                  </td>
                  {/* the sign is written out: spending is not shown by colour alone */}
                  <td className={`num ${record.amountFen < 0 ? 'num--out' : 'num--in'}`}>
                    {record.amountFen < 0 ? '−' : '+'}
                    {formatYuan(Math.abs(record.amountFen))}
                  </td>
                  <td className="num">{formatYuan(record.balanceAfterFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
