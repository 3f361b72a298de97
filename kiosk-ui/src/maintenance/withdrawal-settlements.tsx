/**
 * Withdrawals recovery left for staff (it could not tell whether the cash left the kiosk): the
 * supervisor counts the cash and says whether the resident was paid (the host's hold confirmed)
 * or not (reversed). A verdict already given whose answer the host did not give is the only one
 * offered again (ADR 0010). Shown only to a role the daemon's view allows.
 */
import { useTranslation } from 'react-i18next';
import type { PendingWithdrawalSettlement } from '@kiosk/domain';

const VERDICTS = ['paid', 'notPaid'] as const;
export type WithdrawalVerdict = (typeof VERDICTS)[number];

export function WithdrawalSettlements(props: {
  pending: readonly PendingWithdrawalSettlement[];
  busy: boolean;
  onSettle: (transactionId: string, verdict: WithdrawalVerdict) => void;
}) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('staff.settlementsHeading')}</h2>
      {props.pending.length === 0 ? <p>{t('staff.noSettlements')}</p> : null}
      <ul>
        {props.pending.map((p) => (
          <li key={p.transactionId} data-testid={`staff-settle-${p.transactionId}`}>
            <span>
              {p.transactionId} ({p.startedAt.slice(0, 16).replace('T', ' ')})
            </span>
            {p.verdict !== null ? (
              <p data-testid="staff-withdrawal-verdict-given">
                {t('staff.withdrawalVerdictGiven', { verdict: t(`staff.verdicts.${p.verdict}`) })}
              </p>
            ) : null}
            {(p.verdict !== null ? [p.verdict] : VERDICTS).map((verdict) => (
              <button
                key={verdict}
                type="button"
                className="tool-button"
                data-testid={`staff-withdrawal-${verdict}`}
                disabled={props.busy}
                onClick={() => props.onSettle(p.transactionId, verdict)}
              >
                {t(`staff.verdicts.${verdict}`)}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
