/**
 * Fault: a temporary loss report (or the unfreeze of a card found again) that the host made but
 * answered past the kiosk's host timeout. The card was frozen (or working again) at the host while
 * the kiosk read HOST_TIMEOUT and told the resident the office had not answered, to try later: a
 * resident trying again then met their card "reported lost, unfreeze it?", the report they thought
 * not made; one who left believed a lost card still open to use (or a found one still frozen). Now
 * the change is asked again by its idempotency key while its outcome is unknown (no answer, a 5xx):
 * the host answers what it did (a replay), or does it then, once; the resident reads what was done.
 *
 * The loss report's actors as the daemon provides them, the real host simulator (embedded, over
 * HTTP) with its fault surface, the real journal (SQLite in memory).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { createHostSimulator } from '@kiosk/host-simulator';
import { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { hostOverHttp } from './host-over-http.spec-support.js';
import { provideReportLossJourney } from './report-loss-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

const zhang = demoResident('zhang')!;
/** the kiosk's host timeout in this spec; the host's slow answer takes twice as long */
const HOST_TIMEOUT_MS = 300;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const { simulator, connection, config } = await hostOverHttp(createHostSimulator, cleanups, {
    hostTimeoutMs: HOST_TIMEOUT_MS,
  });
  const host = new HostService(connection, new MetricsService());
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'reportLoss');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  // asked again soon: while the first request is still held at the host (it acts on the second's key)
  const actors = provideReportLossJourney(host, config, scopes.of, { retryMs: 20 }).implementations.actors;
  const run = (logic: unknown, input: unknown) => runInScope(scopes, scope, logic, input);
  /** the host slow for the next request: handled after the kiosk stopped waiting, then quick again */
  const slowOnce = () => {
    simulator.faults.set({ delayMs: 2 * HOST_TIMEOUT_MS });
    setTimeout(() => simulator.faults.clear(), HOST_TIMEOUT_MS / 2);
  };
  const stateAtHost = () => simulator.state.cards.get(zhang.cardNumber)!.state;
  const steps = async (name: string) =>
    (await journal.stepsOf(tx)).filter((s) => s.step === name).map((s) => s.phase);
  return { actors, run, slowOnce, stateAtHost, steps };
}

const input = { sessionId: 's1', idNumber: zhang.idNumber, cardNumber: zhang.cardNumber };

describe('fault: loss-report-answered-after-timeout', () => {
  it('the host freezes the card but answers past the kiosk’s timeout: asked again by its key, the report is read as made, once', async () => {
    const w = await setup();
    expect(w.stateAtHost()).toBe('active');
    w.slowOnce();
    await expect(w.run(w.actors.reportTemporaryLoss, input)).resolves.toMatchObject({
      lapsesOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(w.stateAtHost()).toBe('temporarilyLost');
    expect(await w.steps('host.temporaryLoss')).toEqual(['intent', 'done']);
  });

  it('the host unfreezes the card but answers past the kiosk’s timeout: asked again by its key, read as unfrozen, once', async () => {
    const w = await setup();
    await w.run(w.actors.reportTemporaryLoss, input);
    w.slowOnce();
    await expect(w.run(w.actors.unfreezeCard, input)).resolves.toBeUndefined();
    expect(w.stateAtHost()).toBe('active');
    expect(await w.steps('host.unfreeze')).toEqual(['intent', 'done']);
  });
});
