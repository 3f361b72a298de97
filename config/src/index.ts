export * from './kiosk-config.schema.js';
export * from './devices-config.schema.js';
export * from './config-error.js';
export * from './load-config.js';
export * from './boot-config.js';
export * from './fleet-config.js';
export * from './card-face-config.js';
export * from './maintenance-config.js';
