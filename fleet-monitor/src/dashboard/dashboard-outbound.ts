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
  /** every active alert, after any alert changed */
  alerts: 'dashboard.alerts',
  /** the watched kiosk's detail, after it changed */
  detail: 'dashboard.detail',
  /** the daily counts asked for with `stats.daily`, after a journey ended */
  stats: 'dashboard.stats',
} as const;
