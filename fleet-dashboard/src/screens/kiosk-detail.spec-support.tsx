/**
 * What the kiosk detail specs share: a kiosk's detail, its line under the heading and its command
 * history's states as read.
 */
import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { initialDashboardState, reduceDashboard } from '../connection/dashboard-state';
import type { Language } from '../i18n/labels';
import { KioskDetail } from './kiosk-detail';
import { renderScreen } from './render-screen.spec-support';

/** kiosk JZ-0001's detail, out of service with nothing else to say, but for `extra` and the kiosk's `row` */
export function kioskDetailOf(
  extra: Omit<Partial<KioskDetailView>, 'kiosk'> = {},
  row: Partial<KioskDetailView['kiosk']> = {},
): KioskDetailView {
  return {
    kiosk: {
      kioskId: 'JZ-0001',
      hallId: 'jz-hall-1',
      connection: 'online',
      mode: 'outOfService',
      version: '0.1.0',
      lastSeenAt: '2026-11-29T04:00:00.000Z',
      supplies: [],
      activeAlerts: 1,
      ...row,
    },
    devices: [],
    journeysOffered: [],
    reason: null,
    cause: null,
    events: [],
    commands: [],
    alerts: [],
    ...extra,
  };
}

/** what the detail's line says after the hall, the version and the time last seen; a small code as [CODE] */
export function reasonLineOf(view: KioskDetailView, language: Language): string {
  const state = reduceDashboard(initialDashboardState, { type: 'detail', detail: view });
  const html = renderScreen(<KioskDetail onBack={() => undefined} />, state, language);
  const line = /<p>(.*?)<\/p>/.exec(html)![1]!;
  return line
    .replace(/<small class="code">([^<]*)<\/small>/g, '[$1]')
    .replace(/<[^>]+>/g, '')
    .split(' · ')
    .slice(3)
    .join(' · ');
}

/** the command history's status cells, newest first: the words, then the code as sent as [CODE] */
export function commandStatesOf(view: KioskDetailView, language: Language): string[] {
  let state = reduceDashboard(initialDashboardState, { type: 'detail', detail: view });
  state = reduceDashboard(state, { type: 'session', session: { username: 'ops', role: 'operator' } });
  const html = renderScreen(<KioskDetail onBack={() => undefined} />, state, language);
  const history = html.slice(html.indexOf('data-testid="command-history"'));
  return [...history.matchAll(/<tr data-result="[^"]*">(?:<td>[^<]*<\/td>){3}<td>(.*?)<\/td>/g)].map(
    (match) => match[1]!.replace(/<small class="code">([^<]*)<\/small>/, '[$1]').replace(/<!-- -->/g, ''),
  );
}
