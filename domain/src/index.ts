export * from './kiosk-error.js';
export * from './resident-id.js';
export * from './masking.js';
export * from './device-status.js';
export * from './journeys.js';
export * from './session-view.js';
export * from './gateway-contract.js';
export * from './demo-residents.js';
