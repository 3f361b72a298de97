import { Fragment, useEffect, useRef } from 'react';
import type { CommandView } from '@kiosk/fleet-monitor/dashboard';
import { useDashboardState } from '../connection/connection-context';
import { kioskState } from '../connection/dashboard-state';
import { codeInWords, wordedCode } from '../i18n/code-labels';
import { deviceName, labelOf, openLabelOf, useLabels } from '../i18n/labels';
import { CommandButtons } from './command-buttons';
import { CodeWords, RawCode } from './code-words';
import { describeEvent, eventRawCode } from './describe-event';
import { formatTime } from './format-time';
import { SupplyList } from './supply-list';
import { AlertTable } from './alert-table';
import { JournalExtracts } from './journal-extracts';

/** One kiosk: state, devices, supplies, active alerts, the commands and their acknowledgements, recent events. */
export function KioskDetail({ onBack }: { onBack: () => void }) {
  const { detail, session } = useDashboardState();
  const { t, language } = useLabels();
  // the opened kiosk's heading takes the focus, so keyboard and screen reader users start there
  const heading = useRef<HTMLHeadingElement>(null);
  const kioskId = detail?.kiosk.kioskId;
  useEffect(() => heading.current?.focus(), [kioskId]);
  if (!detail) return null;
  const { kiosk } = detail;
  const status = kioskState(kiosk);
  /**
   * waiting (until its expiry; with the code of a not-run answer, ADR 0027), expired, or the kiosk's
   * answer with its code in words
   */
  const commandState = (command: CommandView): string => {
    if (command.result === null) {
      const waiting =
        command.expiresAt === null
          ? t.awaitingAck
          : `${t.awaitingAck} (${t.until} ${formatTime(command.expiresAt, language)})`;
      return command.code ? `${waiting}: ${codeInWords(t, command.code)}` : waiting;
    }
    if (command.code === 'TELEMETRY_COMMAND_EXPIRED') return t.commandExpired;
    const result = labelOf(t, `result_${command.result}`);
    if (!command.code) return result;
    return `${result}: ${codeInWords(t, command.code)}`;
  };
  return (
    <section aria-label={`${t.kiosk} ${kiosk.kioskId}`} className="detail">
      <button type="button" className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <h2 ref={heading} tabIndex={-1}>
        {t.kiosk} {kiosk.kioskId}{' '}
        <span className={`state state--${status}`} data-testid="detail-state" data-state={status}>
          {labelOf(t, `state_${status}`)}
          {status === 'otherMode' && <RawCode code={kiosk.mode} />}
        </span>
      </h2>
      <p>
        {t.hall}: {kiosk.hallId ?? t.noHall} · {kiosk.version ?? ''} · {t.lastSeen}:{' '}
        {formatTime(kiosk.lastSeenAt, language)}
        {detail.reason && (
          <>
            {' · '}
            <CodeWords code={detail.reason} />
            {detail.cause && (
              <span data-testid="detail-cause">
                {': '}
                <CodeWords code={detail.cause} />
              </span>
            )}
            <ReasonsBehind first={detail.reason} reasons={detail.reasons} />
          </>
        )}
      </p>

      <h3>{t.commands}</h3>
      {session?.role === 'operator' ? (
        <CommandButtons kioskId={kiosk.kioskId} offline={kiosk.connection === 'offline'} />
      ) : (
        <p>{t.viewerNoCommands}</p>
      )}

      <h3>{t.activeAlerts}</h3>
      <AlertTable alerts={detail.alerts} />

      <h3>{t.devices}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.device}</th>
            <th scope="col">{t.deviceState}</th>
            <th scope="col">{t.supplies}</th>
          </tr>
        </thead>
        <tbody>
          {detail.devices.map((device) => (
            <tr key={device.kind}>
              <th scope="row">{deviceName(t, device.kind)}</th>
              <td>
                {openLabelOf(t, 'deviceState', device.device)}
                {device.faultCode && (
                  <>
                    {` · ${t.fault}: `}
                    <CodeWords code={device.faultCode} />
                  </>
                )}
              </td>
              <td>
                <SupplyList
                  supplies={device.supplies.map((supply) => ({ ...supply, device: device.kind }))}
                />
                {device.issued !== undefined && (
                  <p data-issued={device.issued}>
                    {t.cardsIssuedCount}: {device.issued}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t.journeysOffered}:{' '}
        {detail.journeysOffered.length > 0
          ? detail.journeysOffered.map((journey) => openLabelOf(t, 'journey', journey)).join(', ')
          : t.none}
      </p>

      <h3>{t.commandHistory}</h3>
      {detail.commands.length === 0 ? (
        <p>{t.noCommands}</p>
      ) : (
        <table data-testid="command-history">
          <thead>
            <tr>
              <th scope="col">{t.time}</th>
              <th scope="col">{t.commands}</th>
              <th scope="col">{t.issuedBy}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {detail.commands.map((command) => (
              <tr key={command.id} data-result={command.result ?? 'pending'}>
                <td>{formatTime(command.issuedAt, language)}</td>
                <td>{labelOf(t, `cmd_${command.type}`)}</td>
                <td>{command.issuedBy}</td>
                <td>
                  {commandState(command)}
                  <RawCode code={wordedCode(t, command.code)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {session?.role === 'operator' && (
        <>
          <h3>{t.journalExtracts}</h3>
          <JournalExtracts detail={detail} />
        </>
      )}

      <h3>{t.recentEvents}</h3>
      {detail.events.length === 0 ? (
        <p>{t.noEvents}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.time}</th>
              <th scope="col">{t.event}</th>
              <th scope="col">{t.details}</th>
            </tr>
          </thead>
          <tbody>
            {detail.events.map((event) => (
              <tr key={event.id}>
                <td>{formatTime(event.at, language)}</td>
                <td>{labelOf(t, `eventType_${event.type}`)}</td>
                <td>
                  {describeEvent(t, event)}
                  <RawCode code={eventRawCode(t, event)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The kiosk's reasons behind its first ("also: …"), each in words with its code: a card left in the
 * reader behind the reader's fault reads on the kiosk as at the alert list. Nothing when the kiosk
 * lists none behind it, or no list (an older kiosk).
 */
function ReasonsBehind({ first, reasons }: { first: string; reasons: readonly string[] | undefined }) {
  const { t } = useLabels();
  const behind = (reasons ?? []).filter((reason) => reason !== first);
  if (behind.length === 0) return null;
  return (
    <span data-testid="detail-reasons-behind">
      {' · '}
      {t.alsoReasons}
      {behind.map((reason, i) => (
        <Fragment key={reason}>
          {i > 0 && t.reasonSeparator}
          <CodeWords code={reason} />
        </Fragment>
      ))}
    </span>
  );
}
