/**
 * What is known of a card making left for staff, as the daemon's view sends it (masked already):
 * the resident, the new card, when it started and the step the kiosk stopped at; each kind of
 * verdict adds the facts it is given on (`children`: the printer's counts, the handed-in card).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingCardMaking } from '@kiosk/domain';
import { useKioskTime } from './kiosk-time';

/** Steps the kiosk stops at that have words of their own; any other is shown by its code. */
const STOPPED_WORDS: Readonly<Record<string, string>> = {
  'card.retract:intent': 'retractPending',
  'oldCard.capture:intent': 'oldCardCapture',
};

export function CardMakingFacts(props: { pending: PendingCardMaking; children?: ReactNode }) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  const p = props.pending;
  const unknown = t('staff.cardMaking.unknown');
  const stoppedWords = p.stoppedAt !== null ? STOPPED_WORDS[p.stoppedAt] : undefined;
  return (
    <dl className="staff-card-making__facts">
      <dt>{t('staff.cardMaking.resident')}</dt>
      <dd data-testid="staff-card-making-resident">
        {p.name ?? unknown} · {p.idNumber ?? unknown}
      </dd>
      <dt>{t('staff.cardMaking.card')}</dt>
      <dd>{p.card ?? unknown}</dd>
      <dt>{t('staff.cardMaking.started')}</dt>
      <dd>{kioskTime(p.startedAt)}</dd>
      <dt>{t('staff.cardMaking.stoppedAt')}</dt>
      <dd data-testid="staff-card-making-stopped">
        {stoppedWords ? `${t(`staff.cardMaking.stoppedSteps.${stoppedWords}`)} ` : null}
        <code>{p.stoppedAt ?? unknown}</code>
      </dd>
      {props.children}
    </dl>
  );
}
