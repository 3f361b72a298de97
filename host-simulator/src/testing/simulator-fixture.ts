/**
 * Test fixture: a small simulator with two kiosks and a fixed clock, served on an ephemeral
 * loopback port, and a `request()` that calls it as a kiosk over real HTTP. (Fastify's inject()
 * cannot load under Jest's ESM runtime on Node 20: light-my-request needs an ESM-only package.)
 */
import { createHostSimulator, type HostSimulator, type HostSimulatorOptions } from '../host-simulator.js';

export const KIOSK_ID = 'JZ-0001';
export const KIOSK_KEY = 'test-key-jz-0001';
export const KIOSK_KEYS: Readonly<Record<string, string>> = {
  [KIOSK_ID]: KIOSK_KEY,
  'JZ-0002': 'test-key-jz-0002',
};
export const FIXED_NOW = new Date('2026-11-26T10:00:00.000Z');

export function makeSimulator(overrides: Partial<HostSimulatorOptions> = {}): HostSimulator {
  return createHostSimulator({
    seed: 7,
    residents: 30,
    kioskKeys: KIOSK_KEYS,
    now: () => FIXED_NOW,
    ...overrides,
  });
}

export const kioskHeaders = (kioskId = KIOSK_ID, key = KIOSK_KEY): Record<string, string> => ({
  'x-kiosk-id': kioskId,
  authorization: `Bearer ${key}`,
});

export interface HostAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience: bodies are asserted field by field
  json(): any;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** a raw body sent as is (for malformed JSON tests) */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** which kiosk calls (default JZ-0001) */
  readonly kiosk?: string;
  /** an idempotency-key header */
  readonly idempotencyKey?: string;
  /** send no kiosk credentials at all */
  readonly anonymous?: boolean;
  readonly signal?: AbortSignal;
}

export interface RunningSimulator {
  readonly simulator: HostSimulator;
  readonly url: string;
  request(method: string, path: string, options?: RequestOptions): Promise<HostAnswer>;
  close(): Promise<void>;
}

export async function startSimulator(
  overrides: Partial<HostSimulatorOptions> = {},
): Promise<RunningSimulator> {
  const simulator = makeSimulator(overrides);
  const { url } = await simulator.listen(0);
  return {
    simulator,
    url,
    close: () => simulator.close(),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {
        ...(options.anonymous
          ? {}
          : kioskHeaders(
              options.kiosk ?? KIOSK_ID,
              KIOSK_KEYS[options.kiosk ?? KIOSK_ID] ?? 'unknown-kiosk',
            )),
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        ...(options.body !== undefined || options.rawBody !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...(options.headers ?? {}),
      };
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
    },
  };
}
