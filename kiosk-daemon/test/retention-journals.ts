/**
 * The retention specs' journals: for the calling describe, journals on the store `makeStore`
 * makes, each on a fresh database (destroyed after its case), the store closed after the last
 * case. Closed transactions are kept 30 days, those owing a host act `owedActGraceDays` more.
 */
import type { KioskConfig } from '@kiosk/config';
import { DataSource } from 'typeorm';
import type { JournalStore } from './journal-stores.js';
import { JournalService } from '../src/journal/journal.service.js';

export function retentionJournals(
  makeStore: () => JournalStore,
  owedActGraceDays: number,
): { config: KioskConfig; journalOn(): Promise<{ db: DataSource; journal: JournalService }> } {
  let store: JournalStore;
  const open: DataSource[] = [];
  beforeAll(() => {
    store = makeStore();
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.isInitialized) await db.destroy();
  });
  afterAll(() => store.close(), 30_000);

  const config = {
    profile: 'test',
    kiosk: { id: 'JZ-0001' },
    journal: { driver: 'sqlite', path: ':memory:', retentionDays: 30, owedActGraceDays },
  } as KioskConfig;
  return {
    config,
    async journalOn() {
      const db = new DataSource(await store.fresh());
      await db.initialize();
      open.push(db);
      const journal = new JournalService(db, config);
      await journal.onModuleInit();
      return { db, journal };
    },
  };
}
