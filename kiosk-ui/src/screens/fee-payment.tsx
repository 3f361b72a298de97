import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEE_METHODS, formatYuan, type FeeMethod } from '@kiosk/domain';
import { detailsOf, type JourneyView } from '../gateway/proposed-contract';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';
import { PaymentQr } from './payment-qr';

/**
 * The replacement fee: how much, and the ways to pay it the region takes (a QR code scanned with
 * a phone, the medical-insurance personal account, or both). After the QR choice the screen draws the host's payment
 * order (`view.payment`) as a QR code, says to scan it and waits; the daemon moves on to making
 * the card once the payment provider confirms it. The ID card must stay on the reader meanwhile:
 * taken away, the payment is stopped (ID_CARD_REMOVED), as the screen says beside the code.
 */
export function FeePayment({ view }: { view: JourneyView }) {
  const { t } = useTranslation();
  const { send, pending } = useSend();
  const [chosen, setChosen] = useState<FeeMethod | null>(null);
  const details = detailsOf(view, 'issueCard');
  const amountFen = view.fee?.amountFen ?? details?.feeDueFen;
  const offered: readonly FeeMethod[] = details?.feeMethods ?? FEE_METHODS;
  const pay = (method: FeeMethod) => () => {
    setChosen(method);
    void send('session.payFee', { method });
  };
  return (
    <div className="fee-payment" data-testid="fee-payment">
      {amountFen !== undefined ? (
        <p className="big-figure" data-testid="fee">
          {t('issuance.fee', { amount: formatYuan(amountFen) })}
        </p>
      ) : null}
      {details?.finishingWithOffice ? (
        <p className="notice-line" role="status" data-testid="finishing-with-office">
          {t('issuance.finishingWithOffice')}
        </p>
      ) : null}
      {view.payment || (chosen === 'qr' && !view.error) ? (
        <>
          <p className="notice-line" role="status" data-testid="scan-qr">
            {t('issuance.scanQr')}
          </p>
          <p className="notice-line" data-testid="keep-id-card">
            {t('issuance.keepIdCard')}
          </p>
          {view.payment ? (
            <PaymentQr payment={view.payment} />
          ) : (
            <p className="notice-line">{t('paymentQr.waiting')}</p>
          )}
        </>
      ) : (
        <div className="button-row">
          {offered.includes('qr') ? (
            <BigButton busy={pending} onPress={pay('qr')} testId="pay-qr" hint={t('issuance.payQrHint')}>
              {t('issuance.payQr')}
            </BigButton>
          ) : null}
          {offered.includes('account') ? (
            <BigButton
              variant={offered.includes('qr') ? 'secondary' : 'primary'}
              busy={pending}
              onPress={pay('account')}
              testId="pay-account"
              hint={t('issuance.payAccountHint')}
            >
              {t('issuance.payAccount')}
            </BigButton>
          ) : null}
        </div>
      )}
    </div>
  );
}
