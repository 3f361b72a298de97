/**
 * Fault: the day a temporary loss lapses, told to the resident, was not the host's. Whether and
 * when a temporary loss lapses back to active is the host's policy (RULES.md: the kiosk shows the
 * host's answer). A host that answered no lapse (a region whose back office records the loss as
 * confirmed at once, `temporaryLossLapsesAt: null`) had the kiosk tell the resident it "lapses on"
 * the day of the report, taken from the state's change, so the resident read that the card would
 * be live again that very day; and a lapse the host gave was dated by its UTC day, a day early
 * for a lapse between midnight and 08:00 China time. Now the day is the host's lapse read in the
 * kiosk's zone, and none is told when the host gave none.
 *
 * The report-loss actor as the daemon provides it, the real journal (SQLite in memory), the host's
 * answer given by a stand-in of the host client.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { CardStateAnswer } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { provideReportLossJourney } from './report-loss-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** the lapse day the resident is told when the host answers the report with `answer` */
async function toldAfter(answer: Partial<CardStateAnswer>, timeZone = 'Asia/Shanghai') {
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'reportLoss');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  const host = {
    reportTemporaryLoss: async () => ({
      cardNumber: zhang.cardNumber,
      functions: { socialSecurity: true, bank: true },
      stateChangedAt: '2026-11-26T02:00:00.000Z',
      ...answer,
    }),
  } as unknown as HostService;
  const config = {
    kiosk: { timeZone },
    host: { timeoutMs: 5_000 },
    timeouts: { stepMs: 30_000 },
  } as unknown as KioskConfig;
  const { reportTemporaryLoss } = provideReportLossJourney(host, config, scopes.of).implementations.actors;
  const input = { sessionId: 's1', idNumber: zhang.idNumber, cardNumber: zhang.cardNumber };
  return (await runInScope(scopes, scope, reportTemporaryLoss, input)) as { lapsesOn?: string };
}

describe('the day a temporary loss lapses is the host’s, in the kiosk’s zone', () => {
  it('tells no lapse day when the host answered none', async () => {
    const told = await toldAfter({ state: 'lost', temporaryLossLapsesAt: null });
    expect(told.lapsesOn).toBeUndefined();
  });

  it('tells the host’s lapse on the kiosk’s day (01:00 China time, 23:00 in Urumqi)', async () => {
    const lapsesAt = '2026-12-10T17:00:00.000Z';
    expect(await toldAfter({ state: 'temporarilyLost', temporaryLossLapsesAt: lapsesAt })).toEqual({
      lapsesOn: '2026-12-11',
    });
    expect(
      await toldAfter({ state: 'temporarilyLost', temporaryLossLapsesAt: lapsesAt }, 'Asia/Urumqi'),
    ).toEqual({ lapsesOn: '2026-12-10' });
  });
});
