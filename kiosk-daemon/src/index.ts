export { startKioskDaemon, UI_DIST, type RunningDaemon } from './kiosk-daemon.js';
export { createKioskLogger } from './logging/kiosk-logger.js';
