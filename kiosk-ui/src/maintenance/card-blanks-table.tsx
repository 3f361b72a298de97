/**
 * The reconciliation report's card blanks: in the hopper at the start + loaded = issued + spoiled
 * + missing + left, and the difference none of them explains, said in words (a shortfall, or more
 * counted than loaded) so a field engineer sees it without doing the sum.
 */
import { useTranslation } from 'react-i18next';
import type { CardBlanksReconciliation } from '@kiosk/domain';

const ROWS = ['hopperBefore', 'loaded', 'issued', 'spoiled', 'missing', 'remaining'] as const;

export function CardBlanksTable({ blanks }: { blanks: CardBlanksReconciliation }) {
  const { t } = useTranslation();
  const d = blanks.difference;
  const verdict =
    d === null
      ? t('staff.cardBlanks.notCounted')
      : d === 0
        ? t('staff.reconciles')
        : d > 0
          ? t('staff.cardBlanks.shortfall', { count: d })
          : t('staff.cardBlanks.surplus', { count: -d });
  return (
    <table
      className="staff-reconciliation"
      data-testid="staff-card-blanks"
      data-reconciles={blanks.reconciles}
    >
      <caption>{t('staff.cardBlanks.caption')}</caption>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row}>
            <th scope="row">{t(`staff.cardBlanks.${row}`)}</th>
            <td>{blanks[row] ?? t('staff.cardBlanks.notCounted')}</td>
          </tr>
        ))}
        <tr data-testid="staff-card-blanks-difference">
          <th scope="row">{t('staff.cardBlanks.difference')}</th>
          <td>
            {d ?? '—'} · {verdict}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
