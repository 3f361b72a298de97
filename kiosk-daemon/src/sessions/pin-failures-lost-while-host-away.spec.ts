/**
 * The fault: RULES.md flags repeated PIN failures to the host. The kiosk told the host each PIN
 * the card answered, once: a host that did not answer (down, timed out, 5xx) had the failure
 * journaled and the event dropped, so wrong PINs typed while it was away never counted, and the
 * host's rule (3 wrong PINs within a day flag the card) stayed silent. Now the same event is tried
 * again in the background until the host answers. The real host simulator over HTTP (its fault
 * surface answering 503), the daemon's real host client and background tries (short pauses);
 * the session's journal a stand-in that keeps its steps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { tellHostPinOutcome } from './pin-outcome-to-host.js';

const zhang = demoResident('zhang')!;
const KIOSK = 'JZ-9001';
const KEY = 'test-kiosk-key-JZ-9001-not-secret';

/** Waits (on real time: the host answers over HTTP) until `probe` holds. */
async function until(probe: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fault: wrong PINs typed while the host is away never reach its anomaly rules', () => {
  let simulator: HostSimulator;
  let connection: HostConnection;
  let host: HostService;
  let retries: JournaledHostRetries;
  let session = 0;

  beforeAll(async () => {
    simulator = createHostSimulator({ kioskKeys: { [KIOSK]: KEY }, residents: 10 });
    const { url } = await simulator.listen(0, '127.0.0.1');
    connection = new HostConnection(
      loadConfig({
        profile: 'test',
        overrides: ['journal.path=:memory:', 'host.mode=external', `host.url=${url}`, 'host.timeoutMs=2000'],
      }),
    );
    await connection.onModuleInit();
    host = new HostService(connection, new MetricsService());
  });
  afterEach(() => {
    retries?.onApplicationShutdown();
    simulator.faults.clear();
  });
  afterAll(async () => {
    await connection.onApplicationShutdown();
    await simulator.close();
  });

  function aSession() {
    // the background tries' own journal is never written for these events (unjournaled acts)
    retries = new JournaledHostRetries({} as JournalService);
    retries.retry = { firstMs: 20, maxMs: 80 };
    const steps: { step: string; detail: unknown }[] = [];
    const tools = {
      transactionId: `T-${++session}`,
      step: async (step: string, detail?: unknown) => {
        steps.push({ step, detail });
      },
    };
    return { tools, steps };
  }
  const pinEventsAtHost = () =>
    simulator.state.audit.filter(
      (a) => a.cardNumber === zhang.cardNumber && a.action.includes('pin-events') && a.outcome === 'ok',
    );
  const flags = () =>
    simulator.state.anomalies.filter((a) => a.cardNumber === zhang.cardNumber && a.rule === 'pinFailures');

  it('three wrong PINs while the host answers 503: each journaled as not told, all told once it is back, and the card flagged', async () => {
    const { tools, steps } = aSession();
    simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      tellHostPinOutcome({ host, retries }, tools, zhang.cardNumber, 'wrong', attempt);
    }
    await until(() => steps.length === 3, 'the three failures journaled');
    expect(steps.map((s) => s.step)).toEqual(['pin.report', 'pin.report', 'pin.report']);
    expect(flags()).toEqual([]);

    simulator.faults.clear();
    await until(() => pinEventsAtHost().length === 3, 'the three events at the host');
    expect(flags()).toEqual([expect.objectContaining({ action: 'flag', kioskId: KIOSK })]);
    // each told once: the tries stop when the host answered
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pinEventsAtHost()).toHaveLength(3);
  });

  it('a refusal of the host stands: not tried again', async () => {
    const { tools, steps } = aSession();
    tellHostPinOutcome({ host, retries }, tools, 'H00000000000', 'wrong', 1);
    await until(() => steps.length === 1, 'the refusal journaled');
    expect(steps[0]).toEqual({
      step: 'pin.report',
      detail: { outcome: 'wrong', failed: ErrorCode.CARD_NOT_FOUND },
    });
    expect(retries.owns(`${tools.transactionId}:1:pin-wrong`)).toBe(false);
  });
});
