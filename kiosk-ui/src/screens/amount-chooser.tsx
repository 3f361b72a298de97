import { useTranslation } from 'react-i18next';
import { ErrorCode, SPECIAL_WITHDRAWAL_KINDS, formatYuan, type Fen } from '@kiosk/domain';
import type { JourneyDetails } from '@kiosk/domain';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';
import { ErrorBox } from '../shell/error-box';
import { amountChoices } from './amount-choices';

type WithdrawDetails = Extract<JourneyDetails, { kind: 'withdraw' }>;

/** Why no amount can be offered, as the refusal the resident would meet choosing one. */
export function noAmountReason(details: WithdrawDetails): ErrorCode {
  if (details.withdrawalsLeftToday === 0) return ErrorCode.WITHDRAWAL_DAILY_COUNT_EXCEEDED;
  if (details.balanceFen !== undefined && details.balanceFen < details.noteFen) {
    return ErrorCode.INSUFFICIENT_BALANCE;
  }
  return ErrorCode.WITHDRAWAL_DAILY_CAP_EXCEEDED;
}

export const yuanWhole = (fen: Fen): string => formatYuan(fen).replace(/\.00$/, '');

/** No amount to offer: why, and what to do instead (the words of the code speak of choosing one). */
function NoAmount({ reason }: { reason: ErrorCode }) {
  const { t, i18n } = useTranslation();
  const key = `withdraw.noAmountNext.${reason}`;
  return <ErrorBox code={reason} {...(i18n.exists(key) ? { next: t(key) } : {})} />;
}

/** One decision: how much. Whole notes up to the largest amount the kiosk accepts now. */
export function AmountChooser({ details }: { details: WithdrawDetails | undefined }) {
  const { t } = useTranslation();
  const { send, pending } = useSend();
  const amounts = details ? amountChoices(details.largestFen, details.noteFen, details.amountsFen) : [];
  return (
    <div className="amount-chooser">
      {details ? (
        <div className="amount-chooser__hints">
          {amounts.length > 0 ? (
            <>
              <p className="screen-hint">{t('withdraw.max', { amount: yuanWhole(details.largestFen) })}</p>
              <p className="screen-hint">{t('withdraw.note', { amount: yuanWhole(details.noteFen) })}</p>
            </>
          ) : null}
          {details.withdrawalsLeftToday !== undefined ? (
            <p className="screen-hint">{t('withdraw.left', { count: details.withdrawalsLeftToday })}</p>
          ) : null}
          {!details.receiptAvailable ? (
            <p className="notice-line" data-testid="no-receipt">
              <span aria-hidden="true">⚠ </span>
              {t('withdraw.noReceipt')}
            </p>
          ) : null}
        </div>
      ) : null}
      {amounts.length === 0 && details ? (
        <NoAmount reason={noAmountReason(details)} />
      ) : amounts.length === 0 ? (
        <p className="notice-line">{t('withdraw.noChoices')}</p>
      ) : (
        <div className="amount-grid">
          {amounts.map((fen) => (
            <BigButton
              key={fen}
              busy={pending}
              label={t('withdraw.amountLabel', { amount: yuanWhole(fen) })}
              testId={`amount-${fen}`}
              onPress={() => void send('session.amount', { amountFen: fen })}
            >
              {t('withdraw.amount', { amount: yuanWhole(fen) })}
            </BigButton>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * Leaving a job, moving away, the whole balance: withdrawals that need proof at a counter. Offered
 * beside the way out so the resident who came for one of them is told where to go (the session
 * answers WITHDRAWAL_SPECIAL_AT_COUNTER and stays on the amounts).
 */
export function SpecialWithdrawals() {
  const { t } = useTranslation();
  const { send, pending } = useSend();
  return (
    <section className="special-withdrawals" aria-labelledby="special-withdrawals-heading">
      <h3 id="special-withdrawals-heading" className="special-withdrawals__heading">
        {t('withdraw.special')}
      </h3>
      <div className="special-withdrawals__buttons">
        {SPECIAL_WITHDRAWAL_KINDS.map((kind) => (
          <BigButton
            key={kind}
            variant="secondary"
            busy={pending}
            testId={`special-${kind}`}
            onPress={() => void send('session.specialWithdrawal', { kind })}
          >
            {t(`withdraw.specialKinds.${kind}`)}
          </BigButton>
        ))}
      </div>
    </section>
  );
}
