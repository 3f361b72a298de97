/**
 * The Nest logger of the fleet monitor's process. Nest's ExceptionHandler logs a failed start
 * (a provider that throws while the app is created) with its whole stack before `create()`
 * rejects; for the faults main.ts words itself on one line (a store or broker it cannot reach, a
 * configuration file that does not read or validate) that stack is noise in front of the line
 * that matters, so it is left out here. Anything else, a bug, is still logged in full.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

export class BootLogger extends ConsoleLogger {
  constructor(
    levels: LogLevel[],
    private readonly wordedByMain: (error: unknown) => boolean,
  ) {
    super({ logLevels: levels });
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (context === 'ExceptionHandler' && this.wordedByMain(message)) return;
    super.error(message, ...optionalParams);
  }
}
