/**
 * The supplies on the staff screen: each one's level and counts with its refill or bin emptying
 * (`SupplyRow`), and the journal's count of cards issued. Each act runs through the menu's `run`,
 * which shows its result in words, or the daemon's refusal, and reads the view again.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MaintenanceSupplyView, MaintenanceView } from '@kiosk/domain';
import type { MaintenanceApi, SupplyActDone } from './maintenance-api';
import { replacedWhole } from './supply-form';
import { SupplyRow } from './supply-row';

/** An action's result in words, said in the screens' language of the moment it is shown. */
export type Notice = (say: TFunction) => string;

/**
 * A refill done in words. A roll replaced is said with what the printer reads of it after: one
 * still near its end or out was not seated (or not new), which staff see before they leave.
 */
export function refilledNotice(s: MaintenanceSupplyView, done: SupplyActDone): Notice {
  if (!replacedWhole(s)) {
    return (say) => say('staff.refilled', { quantity: done.quantity, after: done.after ?? '—' });
  }
  const level = done.levelAfter ?? 'unknown';
  return (say) =>
    level === 'ok' || level === 'full'
      ? say('staff.replacedReads')
      : say('staff.replacedStillReads', { level: say(`staff.levels.${level}`) });
}

export function StaffSupplies(props: {
  api: MaintenanceApi;
  token: string;
  view: MaintenanceView;
  busy: boolean;
  run: (work: () => Promise<Notice>) => Promise<void>;
}) {
  const { api, token, view, busy, run } = props;
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('staff.suppliesHeading')}</h2>
      <ul className="staff-supplies">
        {view.supplies.map((s) => (
          <SupplyRow
            key={`${s.device}:${s.supply}`}
            supply={s}
            busy={busy}
            onRefill={({ added, countedBefore, denominationFen }) =>
              run(async () => {
                // the notes' denomination staff said they loaded: the daemon checks it is the cassette's
                const done = await api.refill(token, {
                  device: s.device,
                  supply: s.supply,
                  added,
                  ...(countedBefore !== undefined ? { countedBefore } : {}),
                  ...(denominationFen !== undefined ? { denominationFen } : {}),
                });
                return refilledNotice(s, done);
              })
            }
            onEmpty={(counted) =>
              run(async () => {
                const done = await api.emptyBin(token, {
                  device: s.device,
                  supply: s.supply,
                  counted,
                });
                return (say) => say('staff.emptied', { quantity: done.quantity });
              })
            }
          />
        ))}
      </ul>
      <p data-testid="staff-cards-issued">
        {view.cardsIssued === null
          ? t('staff.cardsIssuedNone')
          : t('staff.cardsIssued', { count: view.cardsIssued })}
      </p>
    </section>
  );
}
