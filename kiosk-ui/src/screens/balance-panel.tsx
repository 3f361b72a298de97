import { useTranslation } from 'react-i18next';
import { formatYuan, type SessionView } from '@kiosk/domain';
import { useKioskTimeZone } from '../display/kiosk-time-zone';

/** The balance in yuan with the masked card and name: never a full card number or name. */
export function BalancePanel({ view }: { view: SessionView }) {
  const { t, i18n } = useTranslation();
  const timeZone = useKioskTimeZone();
  const asOf = view.balance ? new Date(view.balance.asOf) : null;
  const asOfText =
    asOf !== null && !Number.isNaN(asOf.getTime())
      ? asOf.toLocaleString(i18n.language, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone,
        })
      : view.balance?.asOf;
  return (
    <dl className="balance-panel" data-testid="balance-panel">
      {view.card ? (
        <>
          <div className="balance-panel__row">
            <dt>{t('balance.holder')}</dt>
            <dd data-testid="masked-name">{view.card.maskedName}</dd>
          </div>
          <div className="balance-panel__row">
            <dt>{t('balance.card')}</dt>
            <dd data-testid="masked-card">{view.card.maskedCardNumber}</dd>
          </div>
        </>
      ) : null}
      {view.balance ? (
        <div className="balance-panel__row balance-panel__row--amount">
          <dt>{t('balance.amount')}</dt>
          <dd>
            <span className="balance-panel__amount" data-testid="balance-amount">
              ¥ {formatYuan(view.balance.amountFen)}
            </span>{' '}
            <span className="balance-panel__unit">{t('balance.yuan')}</span>
            {asOfText ? (
              <div className="balance-panel__as-of">{t('balance.asOf', { asOf: asOfText })}</div>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
