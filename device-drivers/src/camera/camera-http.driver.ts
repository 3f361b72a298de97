/**
 * The camera as a local face-match service over HTTP (docs/camera-face-match-http.md): the service
 * owns the camera, checks liveness and scores a capture against the ID card's photo; this driver
 * sends the photo and reads the score. No image is logged, kept or put in an error: the photo goes
 * out in the request and nothing of it is held once the call ends; the answer carries a score only.
 *
 * - Status from the service's health: asked at open, at a self test (the daemon's reopen, ADR 0020)
 *   and every `healthPollMs` while open and idle; what a capture meets (the service unreachable,
 *   answering 5xx or malformed, too late) reads offline with its code until the health answers.
 * - A capture is bounded by `captureTimeoutMs` (sent to the service as its window for finding a
 *   face) plus `requestTimeoutMs` for its answer: past it DEVICE_TIMEOUT. Aborted by the session
 *   (or past that bound) it is cancelled at the service too (DELETE), so the camera stops and the
 *   frames go.
 * - Every answer is checked (`camera-http-answers.ts`): one that does not fit is
 *   DEVICE_PROTOCOL_ERROR, never a score.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, KioskError, type DeviceState, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { StatusFeed } from '../common/status-feed.js';
import type { CameraPort, FaceMatch } from './camera.port.js';
import { exchange, ExchangeFailure, type ServiceAnswer } from './camera-http-exchange.js';
import { codedFailure, healthOf, scoreOf } from './camera-http-answers.js';
import { CAMERA_API, type HealthAnswer } from './camera-http.protocol.js';

export interface CameraHttpDriverOptions {
  /** the service's base URL, or how to find it (the emulator's ephemeral port) */
  readonly url: string | (() => Promise<string>);
  /** the service's window to find a live face, sent with each capture */
  readonly captureTimeoutMs?: number;
  /** the answer time of health and cancel, and the margin past the capture window */
  readonly requestTimeoutMs?: number;
  /** how often the health is asked while open and idle */
  readonly healthPollMs?: number;
}

export const DEFAULT_CAMERA_CAPTURE_TIMEOUT_MS = 20_000;
export const DEFAULT_CAMERA_REQUEST_TIMEOUT_MS = 2_000;
export const DEFAULT_CAMERA_HEALTH_POLL_MS = 10_000;

type Fault = { readonly code: ErrorCode; readonly message: string };

/** What a capture may be refused with by a service that works: the camera stays online. */
const REFUSALS_OF_A_WORKING_SERVICE = new Set<string>([
  ErrorCode.FACE_NOT_DETECTED,
  ErrorCode.DEVICE_BUSY,
  ErrorCode.DEVICE_OPERATION_CANCELLED,
]);

export class CameraHttpDriver implements CameraPort {
  readonly kind = 'camera' as const;
  readonly #opts: Required<Omit<CameraHttpDriverOptions, 'url'>>;
  readonly #url: () => Promise<string>;
  readonly #feed = new StatusFeed(() => this.#makeStatus());
  #device: DeviceState = 'offline';
  #fault: Fault | undefined = {
    code: ErrorCode.DEVICE_OFFLINE,
    message: 'The face-match service was not asked yet.',
  };
  #opened = false;
  #capturing = false;
  /** counts the captures begun: a health asked before one is stale once it began */
  #captures = 0;
  #poll: NodeJS.Timeout | undefined;

  constructor(options: CameraHttpDriverOptions) {
    const { url } = options;
    this.#url = typeof url === 'string' ? () => Promise.resolve(url) : url;
    this.#opts = {
      captureTimeoutMs: options.captureTimeoutMs ?? DEFAULT_CAMERA_CAPTURE_TIMEOUT_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_CAMERA_REQUEST_TIMEOUT_MS,
      healthPollMs: options.healthPollMs ?? DEFAULT_CAMERA_HEALTH_POLL_MS,
    };
  }

  /** Asks the service's health; rejects (coded) when it is not reachable or not ready. */
  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#opened = true;
    this.#schedulePoll();
    await this.selfTest(signal);
    const fault = this.#fault;
    if (fault && (this.#device === 'offline' || this.#device === 'hardwareError')) {
      throw new KioskError(fault.code, fault.message);
    }
  }

  async close(): Promise<void> {
    this.#opened = false;
    clearTimeout(this.#poll);
    this.#poll = undefined;
    this.#set('offline', { code: ErrorCode.DEVICE_OFFLINE, message: 'The camera is closed.' });
  }

  status(): DeviceStatus {
    return this.#feed.current();
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#feed.subscribe(listener);
  }

  /** The service's health now; never throws for the service's fault, which is in the status. */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (this.#capturing) return this.status(); // the capture's answer tells
    const asked = this.#captures;
    // a capture begun meanwhile tells its own state (a health asked during it is stale after it);
    // a closed driver stays closed
    const current = () => this.#opened && !this.#capturing && this.#captures === asked;
    try {
      const answer = await this.#call(
        'GET',
        CAMERA_API.health,
        undefined,
        this.#opts.requestTimeoutMs,
        signal,
      );
      const health = healthOf(answer);
      if (current()) this.#health(health);
    } catch (e) {
      if (current()) this.#lost(e);
    }
    return this.status();
  }

  async captureAndMatch(referencePhoto: Uint8Array, signal?: AbortSignal): Promise<FaceMatch> {
    const cancelled = () =>
      new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The face capture was cancelled.');
    if (!this.#opened || this.#device === 'offline' || this.#device === 'hardwareError') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, this.#fault?.message ?? 'The camera is offline.');
    }
    if (this.#capturing) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The camera is already capturing.');
    if (!(referencePhoto instanceof Uint8Array) || referencePhoto.length === 0) {
      throw new KioskError(ErrorCode.FACE_NOT_DETECTED, 'There is no reference photo to match against.');
    }
    if (signal?.aborted) throw cancelled();
    const captureId = randomUUID();
    const { captureTimeoutMs, requestTimeoutMs } = this.#opts;
    this.#capturing = true;
    this.#captures += 1;
    this.#set('busy', undefined);
    const bound = new AbortController();
    const timer = setTimeout(() => bound.abort(), captureTimeoutMs + requestTimeoutMs);
    const onAbort = () => bound.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const body = JSON.stringify({
        captureId,
        referencePhoto: Buffer.from(
          referencePhoto.buffer,
          referencePhoto.byteOffset,
          referencePhoto.length,
        ).toString('base64'),
        timeoutMs: captureTimeoutMs,
      });
      const answer = await this.#call('POST', CAMERA_API.captures, body, undefined, bound.signal);
      const match = scoreOf(answer, captureId);
      this.#set('online', undefined);
      return match;
    } catch (e) {
      const aborted = e instanceof ExchangeFailure && e.reason === 'aborted';
      if (aborted) void this.#cancelAtService(captureId);
      if (aborted && signal?.aborted) {
        this.#set('online', undefined);
        throw cancelled();
      }
      const error = aborted
        ? new KioskError(
            ErrorCode.DEVICE_TIMEOUT,
            'The face-match service did not answer the capture in time.',
          )
        : codedFailure(e);
      if (REFUSALS_OF_A_WORKING_SERVICE.has(error.code)) this.#set('online', undefined);
      else this.#lost(error);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.#capturing = false;
      if (this.#device === 'busy') this.#set('online', undefined);
    }
  }

  #health(health: HealthAnswer): void {
    const message = health.message ?? '';
    if (health.state === 'ready') this.#set('online', undefined);
    else if (health.state === 'busy') this.#set('busy', undefined);
    else if (health.state === 'cameraOffline') {
      this.#set('offline', {
        code: ErrorCode.DEVICE_OFFLINE,
        message: `The face-match service has no camera. ${message}`.trim(),
      });
    } else {
      this.#set('hardwareError', {
        code: ErrorCode.DEVICE_HARDWARE_ERROR,
        message: `The face-match service reports a camera fault. ${message}`.trim(),
      });
    }
  }

  /** The service failed a call: offline with the failure's code until its health answers again. */
  #lost(e: unknown): void {
    const error = e instanceof KioskError ? e : codedFailure(e);
    const timedOut = e instanceof ExchangeFailure && e.reason === 'aborted';
    this.#set('offline', {
      code: timedOut ? ErrorCode.DEVICE_TIMEOUT : error.code,
      message: timedOut ? 'The face-match service did not answer its health in time.' : error.message,
    });
  }

  async #cancelAtService(captureId: string): Promise<void> {
    try {
      await this.#call('DELETE', CAMERA_API.capture(captureId), undefined, this.#opts.requestTimeoutMs);
    } catch {
      // the service gone: nothing captures there; the dropped connection told it too
    }
  }

  async #call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body: string | undefined,
    timeoutMs: number | undefined,
    signal?: AbortSignal,
  ): Promise<ServiceAnswer> {
    const base = await this.#url();
    // below the base URL's own path (a service behind a local proxy at /face/, say)
    const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
    const signals = [signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)];
    const bound = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
    return exchange(url, { method, ...(body === undefined ? {} : { body }) }, bound);
  }

  #schedulePoll(): void {
    clearTimeout(this.#poll);
    if (!this.#opened) return;
    this.#poll = setTimeout(() => {
      void this.selfTest().finally(() => this.#schedulePoll());
    }, this.#opts.healthPollMs);
    this.#poll.unref();
  }

  #set(device: DeviceState, fault: Fault | undefined): void {
    if (
      device === this.#device &&
      fault?.code === this.#fault?.code &&
      fault?.message === this.#fault?.message
    ) {
      return;
    }
    this.#device = device;
    this.#fault = fault;
    this.#feed.publish();
  }

  #makeStatus(): DeviceStatus {
    return {
      kind: 'camera',
      device: this.#device,
      supplies: [],
      ...(this.#fault ? { fault: this.#fault } : {}),
      driver: 'http',
      updatedAt: new Date().toISOString(),
    };
  }
}
