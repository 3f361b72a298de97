/**
 * A replacement's handed-in card left for staff (its capture into the card reader's capture bin
 * was cut short and the bin's count cannot tell where it went; the daemon's view gives the card
 * making an `oldCard`): the supervisor sees the card making and the handed-in card (masked, as the
 * daemon sends them), looks in the capture bin and at the slot, chooses where they found it and
 * confirms it, its effect in words first. These are the only verdicts offered for it: the new
 * card's (reject bin) verdicts have no card order to settle here and the daemon refuses them. A
 * verdict stands once given; one given already (another screen of the visit was first) is refused
 * by the daemon with its code, which the menu words.
 */
import { useTranslation } from 'react-i18next';
import { OLD_CARD_WHEREABOUTS, type OldCardWhereabouts, type PendingCardMaking } from '@kiosk/domain';
import { CardMakingFacts } from './card-making-facts';
import { VerdictChoice } from './verdict-choice';

export function PendingOldCardItem(props: {
  pending: PendingCardMaking;
  /** the handed-in card left for staff (the view's `oldCard`) */
  oldCard: { readonly card: string | null };
  busy: boolean;
  chosen: OldCardWhereabouts | null;
  onChoose: (oldCard: OldCardWhereabouts | null) => void;
  onConfirm: (oldCard: OldCardWhereabouts) => void;
}) {
  const { t } = useTranslation();
  const p = props.pending;
  const verdict = (oldCard: OldCardWhereabouts) => t(`staff.oldCardVerdicts.${oldCard}`);
  return (
    <li className="staff-card-making" data-testid={`staff-settle-card-${p.transactionId}`}>
      <h3>
        {t(`staff.cardMaking.journeys.${p.journey}`)} · {p.transactionId}
      </h3>
      <CardMakingFacts pending={p}>
        <dt>{t('staff.oldCard.card')}</dt>
        <dd data-testid="staff-old-card-number">{props.oldCard.card ?? t('staff.oldCard.chipNotRead')}</dd>
      </CardMakingFacts>
      <p data-testid="staff-old-card-hint">{t('staff.oldCard.hint')}</p>
      <VerdictChoice
        testId="staff-old-card"
        offered={OLD_CARD_WHEREABOUTS}
        chosen={props.chosen}
        confirming={props.chosen}
        busy={props.busy}
        groupLabel={t('staff.oldCard.hint')}
        label={verdict}
        confirmText={(oldCard) => (
          <>
            <p>{t('staff.cardMaking.confirmPrompt', { verdict: verdict(oldCard) })}</p>
            <p>
              {t(`staff.oldCard.effects.${oldCard}`)} {t('staff.oldCard.afterwards')}
            </p>
          </>
        )}
        confirmLabel={t('staff.cardMaking.confirm')}
        cancelLabel={t('staff.cardMaking.cancel')}
        onChoose={props.onChoose}
        onConfirm={props.onConfirm}
      />
    </li>
  );
}
