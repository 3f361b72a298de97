/**
 * Card makings recovery left for staff (a new card left the slot while it was being pulled back,
 * on a printer whose reject bin count cannot tell where it went): the supervisor looks in the
 * reject bin and says what they found. Shown only to a role the daemon's view allows.
 */
import { useTranslation } from 'react-i18next';
import type { MaintenanceView } from '@kiosk/domain';

export type CardWhereabouts = 'inRejectBin' | 'taken';

export function CardMakingSettlements(props: {
  pending: MaintenanceView['pendingCardMakings'];
  busy: boolean;
  onSettle: (transactionId: string, card: CardWhereabouts) => void;
}) {
  const { t } = useTranslation();
  return (
    <section data-testid="staff-card-makings">
      <h2>{t('staff.cardMakingsHeading')}</h2>
      {props.pending.length === 0 ? <p>{t('staff.noSettlements')}</p> : <p>{t('staff.cardMakingHint')}</p>}
      <ul>
        {props.pending.map((p) => (
          <li key={p.transactionId} data-testid={`staff-settle-card-${p.transactionId}`}>
            <span>
              {p.transactionId} ({p.startedAt.slice(0, 16).replace('T', ' ')})
            </span>
            {(['inRejectBin', 'taken'] as const).map((card) => (
              <button
                key={card}
                type="button"
                className="tool-button"
                data-testid={`staff-card-${card}`}
                disabled={props.busy}
                onClick={() => props.onSettle(p.transactionId, card)}
              >
                {t(`staff.cardVerdicts.${card}`)}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
