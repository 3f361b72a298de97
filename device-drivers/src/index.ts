export * from './common/secure-pin.js';
export * from './common/device-port.js';
