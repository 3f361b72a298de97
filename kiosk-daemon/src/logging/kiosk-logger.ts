import type { LoggerService } from '@nestjs/common';
import { maskIdNumbersInText } from '@kiosk/domain';
import { pino, type Logger, type LevelWithSilent } from 'pino';

/**
 * Keys whose values never reach a log, whatever object they sit in. A PIN is not even handed to
 * the logger (it lives in SecurePin inside the device layer); this list is the second line.
 */
const REDACTED_KEYS = [
  'pin',
  '*.pin',
  'newPin',
  '*.newPin',
  'kioskKey',
  '*.kioskKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'idNumber',
  '*.idNumber',
  'name',
  '*.name',
  'photo',
  '*.photo',
];

/** The daemon's structured logger: JSON lines on stdout, personal data masked. */
export function createKioskLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kiosk-daemon' },
      redact: { paths: REDACTED_KEYS, censor: '[masked]' },
      hooks: {
        // ID numbers inside free-text messages are masked too (4108**********1234).
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskIdNumbersInText(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stdout,
  );
}

/** Adapts pino to Nest's LoggerService so framework messages share the same masked stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

export const KIOSK_LOGGER = Symbol('KIOSK_LOGGER');
