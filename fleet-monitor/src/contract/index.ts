/** The fleet telemetry contract, importable without Nest: `@kiosk/fleet-monitor/contract`. */
export * from './telemetry.contract.js';
export * from './event-ack.contract.js';
export * from './command-reading.js';
export * from './status-run.js';
