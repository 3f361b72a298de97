export { startKioskDaemon, UI_DIST, type RunningDaemon } from './kiosk-daemon.js';
export { createKioskLogger } from './logging/kiosk-logger.js';
export { JournalService } from './journal/journal.service.js';
export { sqliteJournalOptions } from './journal/journal.data-source.js';
export { withdrawalsLeftForStaff } from './telemetry/fleet/withdrawals-left-to-fleet.js';
