/**
 * Refills and bin emptying a restart cut off that the kiosk cannot tell happened or not (ADR 0022:
 * receipt paper, a hopper or bin the printer does not count, notes a dispenser counts from the
 * journal): the staff member sees who did what and how many, the journal's and the device's count
 * now, looks, says whether it was done and confirms it, its effect on the journal in words first.
 * A new refill or emptying of that supply waits for the answer (MAINTENANCE_SUPPLY_UNSETTLED).
 * Cash is answered by a supervisor, as refilling it is.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SUPPLY_ACT_VERDICTS, type MaintenanceView, type SupplyActVerdict } from '@kiosk/domain';
import type { MaintenanceApi } from './maintenance-api';
import { supplyName } from './supply-row';
import { useChoicePerTransaction, VerdictChoice } from './verdict-choice';

/** Staff's answer sent; what it did, in words said in the screens' language of the moment. */
export async function settleSupplyAct(
  api: MaintenanceApi,
  token: string,
  transactionId: string,
  verdict: SupplyActVerdict,
): Promise<(say: TFunction) => string> {
  await api.settleSupplyAct(token, transactionId, verdict);
  return (say) => say(`staff.supplyActs.settled.${verdict}`);
}

export function SupplyActsCutOff(props: {
  view: Pick<MaintenanceView, 'pendingSupplyActs' | 'role'>;
  busy: boolean;
  onSettle: (transactionId: string, verdict: SupplyActVerdict) => void;
}) {
  const { t } = useTranslation();
  const [chosen, choose] = useChoicePerTransaction<SupplyActVerdict>();
  const pending = props.view.pendingSupplyActs ?? [];
  const supervisor = props.view.role === 'supervisor';
  if (pending.length === 0) return null;
  const count = (n: number | null) => (n === null ? t('staff.supplyActs.notCounted') : String(n));
  return (
    <section data-testid="staff-supply-acts">
      <h2>{t('staff.supplyActs.heading')}</h2>
      <ul>
        {pending.map((p) => {
          const supply = supplyName(t, { supply: p.supply, denominationFen: null });
          const verdictWords = (v: SupplyActVerdict) => t(`staff.supplyActs.verdicts.${p.action}.${v}`);
          const picked = chosen[p.transactionId];
          return (
            <li key={p.transactionId} data-testid={`staff-supply-act-${p.transactionId}`}>
              <p>
                {t(`staff.supplyActs.question.${p.action}`, {
                  quantity: p.quantity,
                  supply,
                  staffId: p.staffId,
                  started: p.startedAt.slice(0, 16).replace('T', ' '),
                })}
              </p>
              <p data-testid="staff-supply-act-counts">
                {t('staff.supplyActs.counts', {
                  journal: count(p.journalCount),
                  device: count(p.deviceCount),
                  before: count(p.countedBefore),
                })}
              </p>
              {p.supervisorOnly && !supervisor ? (
                <p>{t('staff.supplyActs.supervisorOnly')}</p>
              ) : (
                <VerdictChoice
                  testId="staff-supply-act"
                  offered={SUPPLY_ACT_VERDICTS}
                  chosen={picked ?? null}
                  confirming={picked ?? null}
                  busy={props.busy}
                  label={verdictWords}
                  confirmText={(v) => (
                    <p>
                      {t('staff.supplyActs.confirm.prompt', { verdict: verdictWords(v) })}{' '}
                      {t(`staff.supplyActs.confirm.effects.${v}`)} {t('staff.supplyActs.confirm.standing')}
                    </p>
                  )}
                  confirmLabel={t('staff.supplyActs.confirm.confirm')}
                  cancelLabel={t('staff.supplyActs.confirm.cancel')}
                  onChoose={(v) => choose(p.transactionId, v)}
                  onConfirm={(v) => {
                    choose(p.transactionId, null);
                    props.onSettle(p.transactionId, v);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
