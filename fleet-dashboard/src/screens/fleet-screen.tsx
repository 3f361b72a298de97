import { useId, useState } from 'react';
import type { FleetKioskView } from '@kiosk/fleet-monitor/dashboard';
import { useDashboardState } from '../connection/connection-context';
import { kioskMatches, kioskState, kiosksByHall, type KioskState } from '../connection/dashboard-state';
import { labelOf, useLabels } from '../i18n/labels';
import { SupplyList } from './supply-list';
import { RawCode } from './code-words';
import { formatTime } from './format-time';

/**
 * Every kiosk, one table per service hall: status, supplies, active alerts; a kiosk's id opens its
 * detail. A filter finds kiosks by id or hall, or keeps those needing attention.
 */
export function FleetScreen({ onOpen }: { onOpen: (kioskId: string) => void }) {
  const state = useDashboardState();
  const { t, language } = useLabels();
  const id = useId();
  const [text, setText] = useState('');
  const [attentionOnly, setAttentionOnly] = useState(false);
  const halls = kiosksByHall(state.kiosks.values());
  /** "Kiosks: 3 · Online 2 · Offline 1" */
  const hallSummary = (kiosks: readonly FleetKioskView[]): string => {
    const counts = new Map<KioskState, number>();
    for (const kiosk of kiosks) {
      const status = kioskState(kiosk);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    const parts = [...counts].map(([status, count]) => `${labelOf(t, `state_${status}`)} ${count}`);
    return [`${t.hallSummary}: ${kiosks.length}`, ...parts].join(' · ');
  };
  if (halls.length === 0) return <p>{t.noKiosks}</p>;
  const shown = halls
    .map(
      ([hall, kiosks]) => [hall, kiosks, kiosks.filter((k) => kioskMatches(k, text, attentionOnly))] as const,
    )
    .filter(([, , matching]) => matching.length > 0);
  return (
    <>
      <div role="search" className="filter">
        <label htmlFor={`${id}-find`}>{t.findKiosk}</label>
        <input
          id={`${id}-find`}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <input
          id={`${id}-attention`}
          type="checkbox"
          checked={attentionOnly}
          onChange={(event) => setAttentionOnly(event.target.checked)}
        />
        <label htmlFor={`${id}-attention`}>{t.attentionOnly}</label>
      </div>
      {shown.length === 0 && <p>{t.noMatch}</p>}
      {shown.map(([hall, kiosks, matching]) => {
        const name = hall ?? t.noHall;
        return (
          <section key={hall ?? ''} aria-label={`${t.hall} ${name}`} className="hall">
            <h2>
              {t.hall}: {name}
            </h2>
            <p className="hall-summary">{hallSummary(kiosks)}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.kiosk}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.supplies}</th>
                  <th scope="col">{t.activeAlerts}</th>
                  <th scope="col">{t.lastSeen}</th>
                </tr>
              </thead>
              <tbody>
                {matching.map((kiosk) => {
                  const status = kioskState(kiosk);
                  return (
                    <tr key={kiosk.kioskId} data-testid={`kiosk-row-${kiosk.kioskId}`}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => onOpen(kiosk.kioskId)}>
                          {kiosk.kioskId}
                        </button>
                      </th>
                      <td>
                        <span className={`state state--${status}`} data-state={status}>
                          {labelOf(t, `state_${status}`)}
                          {status === 'otherMode' && <RawCode code={kiosk.mode} />}
                        </span>
                      </td>
                      <td>
                        <SupplyList supplies={kiosk.supplies} />
                      </td>
                      <td className={kiosk.activeAlerts > 0 ? 'count count--alert' : 'count'}>
                        {kiosk.activeAlerts}
                      </td>
                      <td>{formatTime(kiosk.lastSeenAt, language)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
