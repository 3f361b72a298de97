import {
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { JournalConfig, KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { journalDataSourceOptions, loadJournalDriver } from './journal.data-source.js';
import { OPEN_RETRY, openWithRetries, type OpenRetry } from './journal-open-failed.js';
import { journalStopOf } from './journal-stop.js';
import { DataSource } from './typeorm-runtime.js';

/**
 * Opens the journal and runs its migrations; tried again while it does not answer (`OPEN_RETRY`),
 * then refused with JOURNAL_OPEN_FAILED naming the journal and the last reason.
 */
export async function openJournal(
  journal: JournalConfig,
  retry: OpenRetry = OPEN_RETRY,
): Promise<DataSource> {
  await loadJournalDriver(journal);
  // migrations run here (migrationsRun), before any service reads or writes
  return openWithRetries(
    journal,
    'opening the journal',
    () => new DataSource(journalDataSourceOptions(journal)).initialize(),
    retry,
  );
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
