import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { JournalConfig, KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { journalDataSourceOptions, loadJournalDriver } from './journal.data-source.js';
import { journalStopOf } from './journal-stop.js';
import { DataSource } from './typeorm-runtime.js';

/** As @nestjs/typeorm did: a journal that cannot be opened is tried again, 10 times, 3 s apart. */
const OPEN_ATTEMPTS = 10;
const OPEN_RETRY_MS = 3_000;

const log = new Logger('Journal');

/** Opens the journal and runs its migrations; tries again `attempts` times, then throws the last error. */
export async function openJournal(
  journal: JournalConfig,
  attempts = OPEN_ATTEMPTS,
  retryMs = OPEN_RETRY_MS,
): Promise<DataSource> {
  await loadJournalDriver(journal);
  for (let attempt = 1; ; attempt += 1) {
    try {
      // migrations run here (migrationsRun), before any service reads or writes
      return await new DataSource(journalDataSourceOptions(journal)).initialize();
    } catch (e) {
      log.error(`the journal could not be opened (attempt ${attempt} of ${attempts}): ${String(e)}`);
      if (attempt >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

const journalDataSource: Provider = {
  provide: DataSource,
  inject: [KIOSK_CONFIG],
  useFactory: (config: KioskConfig) => openJournal(config.journal),
};

/**
 * Closes the journal after every other module has stopped (a global module shuts down last): once
 * the writes under way (a session's close sent as the stop came) are done, within the stop's bound,
 * and what waits for a next write is written (`journal-stop.ts`); never under a write.
 */
@Injectable()
class JournalCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await journalStopOf(this.db).stop();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/**
 * The journal's TypeORM data source, opened once at boot with its migrations run, and closed
 * last. Global, as the journal is the daemon's single store.
 */
@Global()
@Module({
  providers: [journalDataSource, JournalCloser],
  exports: [DataSource],
})
export class JournalDataSourceModule {}
