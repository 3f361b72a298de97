import { useTranslation } from 'react-i18next';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';

/**
 * A replacement's first question (RULES.md "Issuing a card on the spot"): the old card was lost,
 * or it is damaged and with the resident, who hands it in here (the card reader keeps it). The
 * daemon asks it only where the card reader can take a card in.
 */
export function ReplacementReason() {
  const { t } = useTranslation();
  const { send, pending } = useSend();
  const choose = (reason: 'lost' | 'damaged') => () => {
    void send('session.replacementReason', { reason });
  };
  return (
    <div className="button-row" data-testid="replacement-reason">
      <BigButton
        busy={pending}
        onPress={choose('lost')}
        testId="reason-lost"
        hint={t('issuance.reasonLostHint')}
      >
        {t('issuance.reasonLost')}
      </BigButton>
      <BigButton
        variant="secondary"
        busy={pending}
        onPress={choose('damaged')}
        testId="reason-damaged"
        hint={t('issuance.reasonDamagedHint')}
      >
        {t('issuance.reasonDamaged')}
      </BigButton>
    </div>
  );
}
