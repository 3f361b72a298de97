/**
 * What the daemon's main calls first: the configuration, or a short report on stderr and exit
 * code 78 (EX_CONFIG from sysexits.h) so a supervisor sees "configuration error", not a crash.
 */
import { ConfigError, formatConfigError } from './config-error.js';
import { loadConfig, type LoadConfigOptions } from './load-config.js';
import type { KioskConfig } from './kiosk-config.schema.js';

export const EXIT_CONFIG = 78;

export interface BootIo {
  readonly stderr: { write(text: string): unknown };
  readonly exit: (code: number) => never;
}

export function bootConfigOrExit(
  options: LoadConfigOptions,
  io: BootIo = { stderr: process.stderr, exit: (code) => process.exit(code) },
): KioskConfig {
  try {
    return loadConfig(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${formatConfigError(error)}\n`);
    return io.exit(EXIT_CONFIG);
  }
}

/** A copy safe to log or show: the kiosk key (and the fleet password) replaced by a fixed mark. */
export function redactConfig(config: KioskConfig): KioskConfig {
  return {
    ...config,
    host: { ...config.host, kioskKey: '[redacted]' },
    ...(config.fleet && {
      fleet: { ...config.fleet, mqtt: { ...config.fleet.mqtt, password: '[redacted]' } },
    }),
  };
}
