/**
 * The issue-card journey's actors as the daemon provides them, against the real host simulator
 * (its `createHostSimulator`, passed by the spec: over HTTP, its fault surface for the spec) and
 * the real journal (SQLite in memory), in one replacement transaction's session scope. The spec's
 * `cleanups` close what it starts.
 */
import type { createHostSimulator } from '@kiosk/host-simulator';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { hostOverHttp } from './host-over-http.spec-support.js';
import { provideIssueCardJourney, type IssueCardJourneyDeps } from './issue-card-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

export async function issuanceAtHost(
  startHost: typeof createHostSimulator,
  cleanups: (() => Promise<unknown> | unknown)[],
  { hostTimeoutMs = 5_000, more = {} }: { hostTimeoutMs?: number; more?: Partial<IssueCardJourneyDeps> } = {},
) {
  const { simulator, connection, config } = await hostOverHttp(startHost, cleanups, { hostTimeoutMs });
  const metrics = new MetricsService();
  const issuance = new IssuanceHostService(connection, metrics);
  const host = new HostService(connection, metrics);
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'replaceCard');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  // asked again soon: while the first request is still held at the host (it acts on the second's key)
  const feeSettlement = { retryMs: 20 };
  const deps = { host, issuance, config, journal, feeSettlement, ...more };
  const provided = provideIssueCardJourney(deps as IssueCardJourneyDeps, scopes.of);
  /** each actor's logic, by its name, for `run` */
  const actors = provided.implementations.actors as Readonly<Record<string, unknown>>;
  /** `logic` run to its end in the session's scope */
  const run = (logic: unknown, input: unknown) => runInScope(scopes, scope, logic, input);
  /** the journal's phases of `step` in the transaction */
  const phasesOf = async (step: string) =>
    (await journal.stepsOf(tx)).filter((s) => s.step === step).map((s) => s.phase);
  return { simulator, host, issuance, journal, tx, scope, actors, run, phasesOf };
}
