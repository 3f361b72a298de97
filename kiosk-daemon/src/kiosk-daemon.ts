import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { KioskConfig } from '@kiosk/config';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { HttpBodyRefusalFilter } from './gateway/http-body-refusal.filter.js';
import { claimJournal } from './journal/journal-claim.js';
import { NestPinoLogger, createKioskLogger } from './logging/kiosk-logger.js';
import { DaemonRestart } from './telemetry/fleet/daemon-restart.js';

export interface RunningDaemon {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly logger: Logger;
  /** called when the fleet asks for a restart; the caller closes and exits with EXIT_RESTART_REQUESTED */
  onRestartRequested(listener: () => void): void;
  close(): Promise<void>;
}

/** The built touch UI, served by the daemon (kiosk-ui/dist in this monorepo). */
export const UI_DIST = fileURLToPath(new URL('../../kiosk-ui/dist/', import.meta.url));

export async function startKioskDaemon(
  config: KioskConfig,
  logger = createKioskLogger(config.log.level),
): Promise<RunningDaemon> {
  // before anything opens (devices, the fleet link, the journal): a second daemon on this journal,
  // or one started while the key rotation command runs, is refused here (JOURNAL_IN_USE)
  const claim = await claimJournal(config.journal, 'kiosk-daemon');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    // a stop must not wait on a browser's keep-alive connections to the touch UI
    forceCloseConnections: true,
  }).catch(async (e: unknown) => {
    await claim.release();
    throw e;
  });
  app.disable('x-powered-by');
  // a body the parser refuses gets a domain code as every other refusal of the HTTP routes
  app.useGlobalFilters(new HttpBodyRefusalFilter(app.getHttpAdapter()));
  if (existsSync(UI_DIST)) {
    app.useStaticAssets(UI_DIST, { index: 'index.html', maxAge: 0 });
  } else {
    logger.warn('touch UI not built (run npm run build); serving the API only');
  }
  await app.listen(config.gateway.port, config.gateway.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.gateway.port;
  const host = config.gateway.host.includes(':') ? `[${config.gateway.host}]` : config.gateway.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, profile: config.profile, kioskId: config.kiosk.id }, 'kiosk ready');
  // The ready line is a contract with supervisors and tests: always printed, whatever the log level.
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url, profile: config.profile, kioskId: config.kiosk.id })}\n`,
  );
  return {
    url,
    app,
    logger,
    onRestartRequested: (listener) => app.get(DaemonRestart).onRequested(listener),
    // the claim goes last, once the journal is closed
    close: () => app.close().finally(() => claim.release()),
  };
}
