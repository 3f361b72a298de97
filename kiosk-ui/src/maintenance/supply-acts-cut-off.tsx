/**
 * Refills, bin emptying and test dispenses a restart cut off that the kiosk cannot tell happened or not (ADR 0022:
 * receipt paper, a hopper or bin the printer does not count, notes a dispenser counts from the
 * journal): the staff member sees who did what and how many, the journal's and the device's count
 * now, looks, says whether it was done and confirms it, its effect on the journal in words first.
 * A new refill or emptying of that supply waits for the answer (MAINTENANCE_SUPPLY_UNSETTLED).
 * Cash is answered by a supervisor, as refilling it is. One visit can leave more than one act (two
 * supplies' acts cut off at once): each is its own row, keyed and answered by its transaction, device
 * and supply.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  SUPPLY_ACT_VERDICTS,
  type MaintenanceView,
  type PendingSupplyAct,
  type SupplyActVerdict,
} from '@kiosk/domain';
import type { MaintenanceApi } from './maintenance-api';
import { supplyName } from './supply-row';
import { useChoicePerTransaction, VerdictChoice } from './verdict-choice';
import { useKioskTime } from './kiosk-time';

/** Which act an answer is for: its visit's transaction, device and supply. */
export type SupplyActKey = Pick<PendingSupplyAct, 'transactionId' | 'device' | 'supply'>;

/** One act's key, as its row and its chosen answer are keyed. */
export const supplyActKey = (p: SupplyActKey) => `${p.transactionId}|${p.device}|${p.supply}`;

/** Staff's answer sent; what it did, in words said in the screens' language of the moment. */
export async function settleSupplyAct(
  api: MaintenanceApi,
  token: string,
  act: SupplyActKey,
  verdict: SupplyActVerdict,
): Promise<(say: TFunction) => string> {
  await api.settleSupplyAct(token, act, verdict);
  return (say) => say(`staff.supplyActs.settled.${verdict}`);
}

export function SupplyActsCutOff(props: {
  view: Pick<MaintenanceView, 'pendingSupplyActs' | 'role'>;
  busy: boolean;
  onSettle: (act: SupplyActKey, verdict: SupplyActVerdict) => void;
}) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
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
          const supply = supplyName(t, { device: p.device, supply: p.supply, denominationFen: null });
          const verdictWords = (v: SupplyActVerdict) => t(`staff.supplyActs.verdicts.${p.action}.${v}`);
          const key = supplyActKey(p);
          const picked = chosen[key];
          return (
            <li key={key} data-testid={`staff-supply-act-${p.transactionId}-${p.device}-${p.supply}`}>
              <p>
                {t(`staff.supplyActs.question.${p.notesInQuestionFrom ? 'testNoteUnanswered' : p.action}`, {
                  // a test dispense left as it ran: the cassettes whose note got no answer
                  cassettes: (p.notesInQuestionFrom ?? [])
                    .map((id) => t(`staff.cassettePositions.${id}`, { defaultValue: id }))
                    .join(', '),
                  quantity: p.quantity,
                  supply,
                  staffId: p.staffId,
                  started: kioskTime(p.startedAt),
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
                      {t(
                        p.action === 'testDispense'
                          ? `staff.supplyActs.confirm.testDispenseEffects.${v}`
                          : `staff.supplyActs.confirm.effects.${v}`,
                      )}{' '}
                      {t('staff.supplyActs.confirm.standing')}
                    </p>
                  )}
                  confirmLabel={t('staff.supplyActs.confirm.confirm')}
                  cancelLabel={t('staff.supplyActs.confirm.cancel')}
                  onChoose={(v) => choose(key, v)}
                  onConfirm={(v) => {
                    choose(key, null);
                    props.onSettle({ transactionId: p.transactionId, device: p.device, supply: p.supply }, v);
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
