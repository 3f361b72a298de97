/**
 * The maintenance menu after staff log-in: devices (clear a fault), supplies and bins (refill,
 * empty), checks (self test, test receipt, test dispense, test card), the reconciliation report,
 * withdrawals, card makings and supply acts cut off by a restart left for staff. What is offered is
 * what the daemon's view allows this role.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceView, ReconciliationReport } from '@kiosk/domain';
import { useMessages } from '../i18n/use-messages';
import { ErrorBox } from '../shell/error-box';
import { KioskSettling } from './kiosk-settling';
import { CardMakingSettlements } from './card-making-settlements';
import { checkOutcome, STAFF_CHECKS } from './check-outcome';
import { MaintenanceApi, StaffApiError, type StaffVisit } from './maintenance-api';
import { ReconciliationTable } from './reconciliation-table';
import { RecentJournal } from './recent-journal';
import { cardLeftOf, StaffDeviceRow, staffRefusalDetail, staffRefusalNext } from './staff-device-row';
import { settleSupplyAct, SupplyActsCutOff } from './supply-acts-cut-off';
import { StaffSupplies, type Notice } from './staff-supplies';
import { verdictThatStands } from './verdict-choice';
import { VisitEnd, VisitLine } from './visit-end';
import { withdrawalSettledNotice, WithdrawalSettlements } from './withdrawal-settlements';

const REFRESH_MS = 5_000;

export function MaintenanceMenu(props: { api: MaintenanceApi; visit: StaffVisit; onLoggedOut: () => void }) {
  const { api, visit } = props;
  const { t } = useTranslation();
  const { messages } = useMessages();
  const [view, setView] = useState<MaintenanceView | null>(null);
  const [report, setReport] = useState<ReconciliationReport | null>(null);
  // said at each render, so a language switch rewords a notice already shown
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<StaffApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // the latest callback without making `reload` (and its timer) change on every render
  const loggedOut = useRef(props.onLoggedOut);
  loggedOut.current = props.onLoggedOut;
  // a read still on its way when the visit's menu is gone (logged out) answers for nobody: its
  // "not logged in" must not log out, or clear, the log-in screen the next staff member uses
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  const reload = useCallback(async () => {
    try {
      const read = await api.view(visit.token);
      if (shown.current) setView(read);
    } catch (e) {
      if (!shown.current) return;
      // the visit ended (its time ran out, or another log-out): back to the log-in
      if (e instanceof StaffApiError && e.code === 'STAFF_NOT_LOGGED_IN') loggedOut.current();
      else setError(e instanceof StaffApiError ? e : new StaffApiError('INTERNAL', String(e)));
    }
  }, [api, visit.token]);
  // the devices change under the engineer's hands: the view is read again every few seconds
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  /** Runs one action; its result in words, or the daemon's refusal; then the view again. */
  const run = async (work: () => Promise<Notice>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const done = await work();
      setNotice(() => done);
    } catch (e) {
      setError(e instanceof StaffApiError ? e : new StaffApiError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const logOut = async () => {
    setBusy(true);
    await api.logOut(visit.token).catch(() => undefined);
    props.onLoggedOut();
  };

  /** Ends the visit releasing the operator's hold; a refusal stays on screen, the visit open. */
  const returnToService = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.returnToService(visit.token);
      props.onLoggedOut();
    } catch (e) {
      setError(e instanceof StaffApiError ? e : new StaffApiError('INTERNAL', String(e)));
      setBusy(false);
    }
  };

  if (!view) {
    return error ? <ErrorBox code={error.code} message={error.message} /> : <p>{t('common.pleaseWait')}</p>;
  }
  const may = (action: MaintenanceView['actions'][number]) => view.actions.includes(action);
  return (
    <div className="staff-menu" data-testid="staff-menu" aria-busy={busy}>
      <section className="staff-menu__visit">
        <VisitLine view={view} />
        <VisitEnd
          view={view}
          busy={busy}
          onLogOut={() => void logOut()}
          onReturnToService={() => void returnToService()}
        />
      </section>
      <div aria-live="polite">
        <KioskSettling view={view} />
        {notice ? (
          <p className="staff-menu__notice" role="status" data-testid="staff-notice">
            {notice(t)}
          </p>
        ) : null}
        {error ? (
          <ErrorBox
            code={error.code}
            message={error.message}
            detail={staffRefusalDetail(t, messages, error.details) ?? verdictThatStands(t, error.details)}
            next={staffRefusalNext(t, error.code, error.details)}
            onDismiss={() => setError(null)}
          />
        ) : null}
      </div>

      <section>
        <h2>{t('staff.devicesHeading')}</h2>
        <ul className="staff-devices">
          {view.devices
            .filter((d) => d.state !== 'noDevice')
            .map((d) => (
              <StaffDeviceRow
                key={d.kind}
                device={d}
                busy={busy}
                mayClear={may('clearFault')}
                cardLeft={d.kind === 'cardReader' ? cardLeftOf(view) : undefined}
                askJammedCard={
                  d.kind === 'cardPrinter' &&
                  (view.jammedCardUnsaid === true || d.fault === 'CARD_PRINTER_JAM')
                }
                jammedCardsUnsaid={d.kind === 'cardPrinter' ? view.jammedCardsUnsaid : undefined}
                onClear={(jammedCard) =>
                  void run(async () => {
                    await api.clearFault(visit.token, d.kind, jammedCard);
                    return (say) => say('staff.faultCleared');
                  })
                }
              />
            ))}
        </ul>
      </section>

      <SupplyActsCutOff
        view={view}
        busy={busy}
        onSettle={(act, verdict) => void run(() => settleSupplyAct(api, visit.token, act, verdict))}
      />

      <StaffSupplies api={api} token={visit.token} view={view} busy={busy} run={run} />

      <section>
        <h2>{t('staff.checksHeading')}</h2>
        <div className="staff-checks">
          {STAFF_CHECKS.filter(([action]) => may(action)).map(([action, route]) => (
            <button
              key={action}
              type="button"
              className="tool-button"
              data-testid={`staff-check-${action}`}
              disabled={busy}
              onClick={() => void run(async () => checkOutcome(action, await api.check(visit.token, route)))}
            >
              {t(`staff.checks.${action}`)}
            </button>
          ))}
        </div>
      </section>

      {may('reconciliation') ? (
        <section>
          <h2>{t('staff.reconciliationHeading')}</h2>
          <button
            type="button"
            className="tool-button"
            data-testid="staff-reconcile"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                setReport(await api.reconciliation(visit.token));
                return (say) => say('staff.reconciliationLoaded');
              })
            }
          >
            {t('staff.reconcile')}
          </button>
          {report ? <ReconciliationTable report={report} /> : null}
        </section>
      ) : null}

      {may('journal') ? <RecentJournal api={api} token={visit.token} /> : null}

      {may('settleWithdrawal') ? (
        <WithdrawalSettlements
          pending={view.pendingSettlements}
          busy={busy}
          onSettle={(transactionId, verdict) =>
            void run(async () => {
              return withdrawalSettledNotice(await api.settleWithdrawal(visit.token, transactionId, verdict));
            })
          }
        />
      ) : null}

      {may('settleCardMaking') ? (
        <CardMakingSettlements
          pending={view.pendingCardMakings}
          busy={busy}
          onSettle={(transactionId, card) =>
            void run(async () => {
              await api.settleCardMaking(visit.token, transactionId, card);
              return (say) => say(`staff.cardSettled.${card}`);
            })
          }
          onSettleOldCard={(transactionId, oldCard) =>
            void run(async () => {
              const { outcome } = await api.settleOldCard(visit.token, transactionId, oldCard);
              // the rest of the card making may still be left for staff (its new card, the host silent)
              return (say) =>
                outcome === 'closed'
                  ? say(`staff.oldCardSettled.${oldCard}`)
                  : say('staff.oldCardSettled.stillLeft', {
                      verdict: say(`staff.oldCardVerdicts.${oldCard}`),
                    });
            })
          }
        />
      ) : null}
    </div>
  );
}
