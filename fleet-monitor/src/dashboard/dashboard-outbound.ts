/**
 * The events the monitor pushes to the dashboard, as plain constants with no import: the page takes
 * them from here (`@kiosk/fleet-monitor/dashboard-outbound`) and only types from the contract, so
 * zod, which the contract's inbound schemas need, stays out of the page's bundle.
 */
export const DashboardOutbound = {
  /** once after connecting: who is logged in */
  session: 'dashboard.session',
  /** the whole fleet list (after connecting) */
  fleet: 'dashboard.fleet',
  /** one kiosk's row, after it changed */
  kiosk: 'dashboard.kiosk',
  /** every active alert, once after connecting */
  alerts: 'dashboard.alerts',
  /**
   * the active alerts of the kiosks whose alerts changed, each kiosk's whole list (`KioskAlertsView[]`),
   * to replace theirs: never the whole fleet's again, which a fleet of a thousand kiosks made too big
   * to send at every change
   */
  kioskAlerts: 'dashboard.kioskAlerts',
  /** the watched kiosk's detail, after it changed */
  detail: 'dashboard.detail',
  /** the daily counts asked for with `stats.daily`, after a journey ended */
  stats: 'dashboard.stats',
} as const;
