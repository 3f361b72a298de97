/**
 * Idempotency for every state-changing POST (route config `idempotent: true`): the request carries
 * an `idempotency-key` header; the first answer is stored under kiosk id + key and a replay gets
 * it back byte for byte (with `idempotent-replay: true`, and the first answer's `x-anomalies`). A replay that arrives while the first
 * request is still being handled waits for it. Answers of 500 and above are not stored, so a
 * retry after a host fault runs again. Reusing a key for a different request is refused.
 */
import { createHash } from 'node:crypto';
import { ErrorCode } from '@kiosk/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANOMALY_HEADER } from '../anomalies/anomaly-verdicts.js';
import { badRequest, HostError } from './host-error.js';

interface StoredAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly payload: string;
  /** the anomaly verdicts the first answer named (`x-anomalies`): a replay names them again */
  readonly anomalies?: string;
}

interface Entry {
  readonly fingerprint: string;
  stored: StoredAnswer | undefined;
  readonly settled: Promise<StoredAnswer | undefined>;
  settle(answer: StoredAnswer | undefined): void;
}

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 100_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  open(key: string, fingerprint: string): Entry {
    let settle!: (answer: StoredAnswer | undefined) => void;
    const settled = new Promise<StoredAnswer | undefined>((resolve) => (settle = resolve));
    const entry: Entry = { fingerprint, stored: undefined, settled, settle };
    entry.settle = (answer) => {
      entry.stored = answer;
      if (!answer) this.entries.delete(key);
      settle(answer);
    };
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

const owned = new WeakMap<FastifyRequest, Entry>();

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? ''}\n`)
    .update(JSON.stringify(request.params ?? {}))
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

export function installIdempotency(app: FastifyInstance, store: IdempotencyStore): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const header = request.headers['idempotency-key'];
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw badRequest(
        'A state-changing request needs an idempotency-key header (1-128 of A-Z a-z 0-9 . _ : -).',
      );
    }
    const key = `${request.kioskId}\u0000${header}`;
    const fingerprint = fingerprintOf(request);
    for (;;) {
      const existing = store.get(key);
      if (!existing) break;
      if (existing.fingerprint !== fingerprint) {
        throw new HostError(
          422,
          ErrorCode.HOST_IDEMPOTENCY_KEY_REUSED,
          'This idempotency key was already used for a different request.',
        );
      }
      const answer = existing.stored ?? (await existing.settled);
      if (answer) {
        request.outcome = 'replay';
        // a kiosk asks again when the first answer did not reach it: its verdicts with it
        if (answer.anomalies !== undefined) void reply.header(ANOMALY_HEADER, answer.anomalies);
        return reply
          .code(answer.status)
          .type(answer.contentType)
          .header('idempotent-replay', 'true')
          .send(answer.payload);
      }
      // the first attempt met a host fault and was not stored: this one runs afresh
    }
    owned.set(request, store.open(key, fingerprint));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const entry = owned.get(request);
    if (!entry) return payload;
    owned.delete(request);
    const storable = reply.statusCode < 500 && (typeof payload === 'string' || Buffer.isBuffer(payload));
    const anomalies = reply.getHeader(ANOMALY_HEADER);
    entry.settle(
      storable
        ? {
            status: reply.statusCode,
            contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
            payload: payload.toString(),
            ...(typeof anomalies === 'string' ? { anomalies } : {}),
          }
        : undefined,
    );
    return payload;
  });
}
