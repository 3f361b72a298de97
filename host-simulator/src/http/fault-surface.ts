/**
 * The host's fault surface for tests and the demo: delay every /v1 answer (a slow or timing-out
 * host) or fail every /v1 request with a given status and code. Health is never affected.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '@kiosk/domain';
import type { FastifyInstance } from 'fastify';
import { HostError } from './host-error.js';

export interface FaultSettings {
  /** wait this long before handling each request */
  readonly delayMs?: number;
  /** answer every request with this status and code (after the delay), or null to stop */
  readonly failWith?: { readonly status: number; readonly code: string } | null;
}

export interface Faults {
  /** merges into the current settings; `{ delayMs: 0, failWith: null }` clears everything */
  set(settings: FaultSettings): void;
  clear(): void;
  current(): Readonly<{ delayMs: number; failWith: { status: number; code: string } | null }>;
}

export class FaultSurface implements Faults {
  private delayMs = 0;
  private failWith: { status: number; code: string } | null = null;
  private readonly closing = new AbortController();

  set(settings: FaultSettings): void {
    if (settings.delayMs !== undefined) {
      if (!Number.isFinite(settings.delayMs) || settings.delayMs < 0) {
        throw new RangeError('delayMs is a non-negative number of milliseconds');
      }
      this.delayMs = settings.delayMs;
    }
    if (settings.failWith !== undefined) {
      if (settings.failWith && (settings.failWith.status < 400 || settings.failWith.status > 599)) {
        throw new RangeError('failWith.status is an HTTP error status (400-599)');
      }
      this.failWith = settings.failWith ? { ...settings.failWith } : null;
    }
  }

  clear(): void {
    this.set({ delayMs: 0, failWith: null });
  }

  current(): Readonly<{ delayMs: number; failWith: { status: number; code: string } | null }> {
    return { delayMs: this.delayMs, failWith: this.failWith };
  }

  /** Ends every pending and future delay: the simulator is closing. */
  shutdown(): void {
    this.closing.abort();
  }

  install(app: FastifyInstance): void {
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.config.faultFree) return;
      if (this.delayMs > 0) {
        try {
          await sleep(this.delayMs, undefined, { signal: this.closing.signal });
        } catch {
          throw new HostError(503, ErrorCode.HOST_UNREACHABLE, 'The host is shutting down.');
        }
      }
      const failWith = this.failWith;
      if (failWith) {
        throw new HostError(
          failWith.status,
          failWith.code as ErrorCode,
          'Simulated host fault (set by the fault surface).',
        );
      }
    });
  }
}
