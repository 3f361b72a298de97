import { useState } from 'react';
import type { AlertView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { deviceName, openLabelOf, supplyName, useLabels, type Labels } from '../i18n/labels';
import { codeInWords } from '../i18n/code-labels';
import { RawCode } from './code-words';
import { formatTime } from './format-time';

/** What an alert is about, from its key: `supply/receiptPrinter/paper` → "Receipt printer: Paper". */
export function alertSubject(t: Labels, alert: Pick<AlertView, 'key' | 'code'>): string {
  const [scope, device, supply] = alert.key.split('/');
  if (scope === 'supply' && device && supply) return `${deviceName(t, device)}: ${supplyName(t, supply)}`;
  // a staff supply act cut off by a restart, waiting for staff: the supply, then the code in words
  if (scope === 'supplyAct' && device && supply)
    return `${deviceName(t, device)}: ${supplyName(t, supply)}${alert.code ? ` · ${codeInWords(t, alert.code)}` : ''}`;
  if (scope === 'fault' && device) return deviceName(t, device);
  if (scope === 'offline' && alert.code) return openLabelOf(t, 'offline', alert.code);
  // an anomaly's or a recovery's code: in words when the page has them
  return alert.code ? codeInWords(t, alert.code) : '';
}

/**
 * An alert's code as the table shows it beside what it is about, in words: a supply alert's level,
 * a device fault's state (no fault code sent) or its fault code (domain's ErrorCode:
 * CARD_READER_JAM → "Card jammed in the reader"); a code the page has no words for as sent.
 */
export function alertCode(t: Labels, alert: Pick<AlertView, 'key' | 'code'>): string | null {
  const [scope] = alert.key.split('/');
  if (!alert.code) return null;
  if (scope === 'supply') return openLabelOf(t, 'level', alert.code);
  if (scope === 'fault' && /^[a-z]/.test(alert.code)) return openLabelOf(t, 'deviceState', alert.code);
  if (scope === 'fault') return codeInWords(t, alert.code);
  return alert.code;
}

/** An alert's code as the kiosk or the monitor sent it (upper case), shown small beside its words. */
export function alertRawCode(alert: Pick<AlertView, 'code'>): string | null {
  return alert.code && /^[A-Z]/.test(alert.code) ? alert.code : null;
}

/**
 * What an alert is about and what it is, in words, as its row says it (without the code as sent):
 * `Card reader: Card jammed in the reader`, `Receipt printer: Paper Low`, `Self-test failed`.
 */
export function alertInWords(t: Labels, alert: Pick<AlertView, 'key' | 'code'>): string {
  const subject = alertSubject(t, alert);
  const code = alertCode(t, alert);
  if (!code || code === subject || code === alertRawCode(alert)) return subject;
  return alert.key.startsWith('fault/') ? `${subject}: ${code}` : `${subject} ${code}`;
}

/**
 * Alerts as a table; an operator gets an Acknowledge button on each one not acknowledged yet
 * (named with the kiosk and what the alert is about, so each button says which alert it is).
 */
export function AlertTable({ alerts, history = false }: { alerts: readonly AlertView[]; history?: boolean }) {
  const connection = useConnection();
  const { session } = useDashboardState();
  const { t, language } = useLabels();
  const [refusal, setRefusal] = useState<string | null>(null);
  if (alerts.length === 0) return <p>{t.noAlerts}</p>;
  const operator = session?.role === 'operator';

  const acknowledge = async (alertId: number): Promise<void> => {
    const ack = await connection.send('alert.acknowledge', { alertId });
    setRefusal(ack.ok ? null : `${t.refused}: ${ack.error.code}`);
  };

  return (
    <>
      <table data-testid={history ? 'alert-history' : 'alert-table'}>
        <thead>
          <tr>
            <th scope="col">{t.kiosk}</th>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.subject}</th>
            <th scope="col">{t.raised}</th>
            {history && <th scope="col">{t.cleared}</th>}
            <th scope="col">{t.acknowledged}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => {
            const kind = openLabelOf(t, 'alert', alert.kind);
            const subject = alertSubject(t, alert);
            const raw = alertRawCode(alert);
            return (
              <tr
                key={alert.id}
                data-testid={`alert-${alert.id}`}
                data-kind={alert.kind}
                className={`alert alert--${alert.kind}`}
              >
                <th scope="row">{alert.kioskId}</th>
                <td>{kind}</td>
                <td>
                  {alertInWords(t, alert)}
                  <RawCode code={raw !== subject ? raw : null} />
                </td>
                <td>{formatTime(alert.raisedAt, language)}</td>
                {history && <td>{alert.clearedAt ? formatTime(alert.clearedAt, language) : ''}</td>}
                <td>
                  {alert.acknowledgedBy !== null ? (
                    alert.acknowledgedBy
                  ) : operator ? (
                    <button
                      type="button"
                      aria-label={`${t.acknowledge} ${alert.kioskId} ${kind} ${subject}`}
                      onClick={() => void acknowledge(alert.id)}
                    >
                      {t.acknowledge}
                    </button>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {refusal && (
        <p role="alert" className="error">
          {refusal}
        </p>
      )}
    </>
  );
}
