/**
 * Card makings recovery left for staff (a new card left the slot while it was being pulled back,
 * on a printer whose reject bin count cannot tell where it went): the supervisor sees which card
 * and resident (masked, as the daemon sends them), the step the kiosk stopped at and the printer's
 * counts, looks in the reject bin, chooses what they found and confirms it, the effect on the
 * counts and at the office in words first. A verdict already given (the office did not answer)
 * is the only one offered again. A replacement whose handed-in card was left unknown offers that
 * card's verdicts instead (`old-card-settlement.tsx`). Shown only to a role the daemon's view allows.
 */
import { useTranslation } from 'react-i18next';
import {
  CARD_WHEREABOUTS,
  type CardWhereabouts,
  type OldCardWhereabouts,
  type PendingCardMaking,
} from '@kiosk/domain';
import { CardMakingFacts } from './card-making-facts';
import { PendingOldCardItem } from './old-card-settlement';
import { useChoicePerTransaction, VerdictChoice } from './verdict-choice';

export type { CardWhereabouts } from '@kiosk/domain';

export function CardMakingSettlements(props: {
  pending: readonly PendingCardMaking[];
  busy: boolean;
  onSettle: (transactionId: string, card: CardWhereabouts) => void;
  onSettleOldCard: (transactionId: string, oldCard: OldCardWhereabouts) => void;
}) {
  const { t } = useTranslation();
  // the choice waiting for its confirmation, per card making (its new card, or its handed-in card)
  const [chosen, choose] = useChoicePerTransaction<CardWhereabouts>();
  const [oldChosen, chooseOld] = useChoicePerTransaction<OldCardWhereabouts>();
  // the reject bin hint is for new cards; a handed-in card's item carries its own
  const newCards = props.pending.some((p) => p.oldCard === undefined);
  return (
    <section data-testid="staff-card-makings">
      <h2>{t('staff.cardMakingsHeading')}</h2>
      {props.pending.length === 0 ? <p>{t('staff.noSettlements')}</p> : null}
      {newCards ? <p>{t('staff.cardMakingHint')}</p> : null}
      <ul className="staff-card-makings">
        {props.pending.map((p) =>
          p.oldCard !== undefined ? (
            <PendingOldCardItem
              key={p.transactionId}
              pending={p}
              oldCard={p.oldCard}
              busy={props.busy}
              chosen={oldChosen[p.transactionId] ?? null}
              onChoose={(oldCard) => chooseOld(p.transactionId, oldCard)}
              onConfirm={(oldCard) => {
                chooseOld(p.transactionId, null);
                props.onSettleOldCard(p.transactionId, oldCard);
              }}
            />
          ) : (
            <PendingCardMakingItem
              key={p.transactionId}
              pending={p}
              busy={props.busy}
              chosen={chosen[p.transactionId] ?? null}
              onChoose={(card) => choose(p.transactionId, card)}
              onConfirm={(card) => {
                choose(p.transactionId, null);
                props.onSettle(p.transactionId, card);
              }}
            />
          ),
        )}
      </ul>
    </section>
  );
}

/** One undecided card making: what is known of it, the answers, and the chosen one to confirm. */
export function PendingCardMakingItem(props: {
  pending: PendingCardMaking;
  busy: boolean;
  chosen: CardWhereabouts | null;
  onChoose: (card: CardWhereabouts | null) => void;
  onConfirm: (card: CardWhereabouts) => void;
}) {
  const { t } = useTranslation();
  const p = props.pending;
  const count = (n: number | null) => (n === null ? t('staff.cardMaking.notCounted') : String(n));
  const before = p.counters.rejectBinJournal;
  // as the daemon counts it: one more in the journal's reject bin count, when it has one
  const binEffect = (card: CardWhereabouts) =>
    card !== 'inRejectBin'
      ? t('staff.cardMaking.binEffects.unchanged')
      : before === null
        ? t('staff.cardMaking.binEffects.notCounted')
        : t('staff.cardMaking.binEffects.counted', { before, after: before + 1 });
  const offered = p.verdict !== null ? [p.verdict] : CARD_WHEREABOUTS;
  const chosen = props.chosen;
  return (
    <li className="staff-card-making" data-testid={`staff-settle-card-${p.transactionId}`}>
      <h3>
        {t(`staff.cardMaking.journeys.${p.journey}`)} · {p.transactionId}
      </h3>
      <CardMakingFacts pending={p}>
        <dt>{t('staff.cardMaking.hopper')}</dt>
        <dd>{count(p.counters.hopper)}</dd>
        <dt>{t('staff.cardMaking.rejectBin')}</dt>
        <dd data-testid="staff-card-making-reject-bin">
          {t('staff.cardMaking.rejectBinCounts', {
            device: count(p.counters.rejectBinDevice),
            journal: count(p.counters.rejectBinJournal),
          })}
        </dd>
      </CardMakingFacts>
      {p.verdict !== null ? (
        <p data-testid="staff-card-verdict-given">
          {t('staff.cardMaking.verdictGiven', { verdict: t(`staff.cardVerdicts.${p.verdict}`) })}
        </p>
      ) : null}
      <VerdictChoice
        testId="staff-card"
        offered={offered}
        chosen={chosen}
        confirming={chosen}
        busy={props.busy}
        groupLabel={t('staff.cardMakingHint')}
        label={(card) => t(`staff.cardVerdicts.${card}`)}
        confirmText={(card) => (
          <>
            <p>{t('staff.cardMaking.confirmPrompt', { verdict: t(`staff.cardVerdicts.${card}`) })}</p>
            <p>
              {binEffect(card)} {t(`staff.cardMaking.officeEffects.${card}`)}
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
