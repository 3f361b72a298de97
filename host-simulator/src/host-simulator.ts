/**
 * The back office the kiosk talks to (social-insurance core + personal-account ledger) as a
 * Fastify 5 HTTP service, embeddable in-process: no process-global state, no console output.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { AnomalyMonitor } from './anomalies/anomaly-monitor.js';
import { cardsRoutes } from './cards/cards.routes.js';
import { healthRoutes } from './health/health.routes.js';
import type { HostContext } from './host-context.js';
import './http/fastify-augment.js';
import { FaultSurface, type Faults } from './http/fault-surface.js';
import { installErrorAnswers } from './http/host-error.js';
import { installAnomalyHeader } from './http/anomaly-header.hook.js';
import { IdempotencyStore, installIdempotency } from './http/idempotency.hook.js';
import { installKioskAuth } from './http/kiosk-auth.hook.js';
import { issuanceRoutes } from './issuance/issuance.routes.js';
import { IssuerKeys } from './issuance/issuer-keys.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import { QrPaymentProvider } from './payments/qr-payment.provider.js';
import { HostRules, type HostRulesInput } from './rules/host-rules.js';
import { seedHostData } from './seed/seed-data.js';
import { postNewerHostRecords } from './seed/newer-host-records.js';
import { withdrawalsRoutes } from './withdrawals/withdrawals.routes.js';
import { HostStore, type HostStateView } from './store/host-store.js';

export const DEFAULT_SEED = 4108;
export const DEFAULT_RESIDENTS = 1000;

export interface HostSimulatorOptions {
  /** PRNG seed of the generated data set (default 4108) */
  readonly seed?: number;
  /** generated residents besides the demo residents (default 1000) */
  readonly residents?: number;
  /** kiosk id -> key; every request must present one of them */
  readonly kioskKeys: Readonly<Record<string, string>>;
  /** the host's clock (default: the system clock) */
  readonly now?: () => Date;
  /** a pino-compatible logger; without one the simulator logs nothing */
  readonly logger?: FastifyBaseLogger;
  /** policy numbers (caps, fee, anomaly thresholds); defaults from the domain rules */
  readonly rules?: HostRulesInput;
  /** issuer master key, 16-64 bytes as hex; without it a demo key derived from the seed */
  readonly issuerMasterKey?: string;
  /** cards whose holders also get the records of a host one release ahead of the kiosk */
  readonly newerRecordsFor?: readonly string[];
}

export interface HostSimulator {
  /** starts serving HTTP; port 0 picks a free port */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
  /** read-only views of residents, cards, the ledger and the audit log (for tests) */
  readonly state: HostStateView;
  /** delay or fail every /v1 request except health */
  readonly faults: Faults;
  /** the Fastify instance, for `inject()` outside Jest (see the report: not under Jest's ESM runtime) */
  readonly app: FastifyInstance;
  /** the policy numbers in force */
  readonly rules: HostRules;
  /** the simulated QR payment provider: `pay(paymentId)` is the resident scanning and paying */
  readonly qrProvider: Pick<QrPaymentProvider, 'pay' | 'status'>;
  /** anomaly rules: `clearBlock(cardNumber)` is staff lifting a block after review */
  readonly anomalies: Pick<AnomalyMonitor, 'clearBlock'>;
  /** the host's services without HTTP, for fast simulations in tests */
  readonly context: HostContext;
}

export function createHostSimulator(options: HostSimulatorOptions): HostSimulator {
  const keys = Object.entries(options.kioskKeys);
  if (keys.length === 0) throw new RangeError('the host simulator needs at least one kiosk key');
  for (const [kioskId, key] of keys) {
    if (kioskId.length === 0 || key.length < 8) {
      throw new RangeError(`kiosk key for "${kioskId}" must be at least 8 characters`);
    }
  }
  const residents = options.residents ?? DEFAULT_RESIDENTS;
  if (!Number.isInteger(residents) || residents < 0) {
    throw new RangeError('residents is a whole number ≥ 0');
  }
  const now = options.now ?? (() => new Date());

  const parsedRules = HostRules.safeParse(options.rules ?? {});
  if (!parsedRules.success) {
    throw new RangeError(
      `host rules: ${parsedRules.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const rules = parsedRules.data;
  const seed = options.seed ?? DEFAULT_SEED;
  const store = new HostStore();
  seedHostData(store, { seed, residents, today: now() }, rules);
  for (const cardNumber of options.newerRecordsFor ?? []) postNewerHostRecords(store, cardNumber, now());
  const context: HostContext = {
    store,
    rules,
    now,
    anomalies: new AnomalyMonitor(store, rules),
    issuerKeys: new IssuerKeys(options.issuerMasterKey, seed),
    qrProvider: new QrPaymentProvider(store, rules, now),
  };

  const faults = new FaultSurface();
  const idempotency = new IdempotencyStore();
  const app: FastifyInstance = options.logger
    ? Fastify({ loggerInstance: options.logger, bodyLimit: 16 * 1024 })
    : Fastify({ logger: false, bodyLimit: 16 * 1024 });

  app.decorateRequest('kioskId', '');
  app.decorateRequest('auditCardNumber', null);
  app.decorateRequest('outcome', 'ok');
  app.decorateRequest('raisedAnomalies', null);
  installErrorAnswers(app);

  void app.register(
    async (v1) => {
      installKioskAuth(v1, options.kioskKeys);
      faults.install(v1);
      // before idempotency: a stored answer keeps the verdicts it named, for its replays
      installAnomalyHeader(v1);
      installIdempotency(v1, idempotency);
      v1.addHook('onResponse', async (request) => {
        if (request.routeOptions.config.public) return;
        store.record({
          at: now().toISOString(),
          kioskId: request.kioskId || 'unauthenticated',
          action: `${request.method} ${request.routeOptions.url ?? request.url}`,
          cardNumber: request.auditCardNumber,
          outcome: request.outcome,
        });
      });
      await v1.register(healthRoutes(now));
      await v1.register(openApiRoutes());
      await v1.register(cardsRoutes(context));
      await v1.register(accountsRoutes(context));
      await v1.register(issuanceRoutes(context));
      await v1.register(withdrawalsRoutes(context));
    },
    { prefix: '/v1' },
  );

  return {
    state: store,
    faults,
    app,
    rules,
    qrProvider: context.qrProvider,
    anomalies: context.anomalies,
    context,
    async listen(port = 0, host = '127.0.0.1') {
      const url = await app.listen({ port, host });
      return { url };
    },
    async close() {
      faults.shutdown();
      await app.close();
    },
  };
}
