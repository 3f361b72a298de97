/** Sample views for specs and screenshots: what the daemon might send. Not used by the app. */
import type { KioskView, SessionView } from '@kiosk/domain';

export const kioskInService: KioskView = {
  kioskId: 'JZ-0001',
  mode: 'inService',
  journeysOffered: ['balance'],
  devices: [],
  demo: true,
};

export const balanceSession = (over: Partial<SessionView> = {}): SessionView => ({
  sessionId: 'session-1',
  journey: 'balance',
  step: 'insertCard',
  locale: 'zh-CN',
  ...over,
});
