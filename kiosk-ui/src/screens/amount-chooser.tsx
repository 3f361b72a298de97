import { useTranslation } from 'react-i18next';
import { formatYuan, type Fen } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';
import { amountChoices } from './amount-choices';

/** One decision: how much. Amounts the daemon offers, else whole notes up to its maximum. */
export function AmountChooser({ withdrawal }: { withdrawal: JourneyView['withdrawal'] }) {
  const { t } = useTranslation();
  const { sendProposed, pending } = useSend();
  const amounts: readonly Fen[] =
    withdrawal?.amountsFen ??
    (withdrawal?.maxFen !== undefined && withdrawal.noteFen !== undefined
      ? amountChoices(withdrawal.maxFen, withdrawal.noteFen)
      : []);
  const yuan = (fen: Fen) => formatYuan(fen).replace(/\.00$/, '');
  return (
    <div className="amount-chooser">
      {withdrawal?.maxFen !== undefined ? (
        <p className="screen-hint">{t('withdraw.max', { amount: yuan(withdrawal.maxFen) })}</p>
      ) : null}
      {withdrawal?.noteFen !== undefined ? (
        <p className="screen-hint">{t('withdraw.note', { amount: yuan(withdrawal.noteFen) })}</p>
      ) : null}
      {amounts.length === 0 ? (
        <p className="notice-line">{t('withdraw.noChoices')}</p>
      ) : (
        <div className="amount-grid">
          {amounts.map((fen) => (
            <BigButton
              key={fen}
              busy={pending}
              label={t('withdraw.amountLabel', { amount: yuan(fen) })}
              testId={`amount-${fen}`}
              onPress={() => void sendProposed('session.amount', { amountFen: fen })}
            >
              {t('withdraw.amount', { amount: yuan(fen) })}
            </BigButton>
          ))}
        </div>
      )}
    </div>
  );
}
