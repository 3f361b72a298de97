/**
 * The face-match service emulated: an HTTP server speaking the service's API
 * (`camera-http.protocol.ts`, docs/camera-face-match-http.md) on loopback, so the real driver runs
 * against it. Its control surface is the in-memory camera emulator's (`setNextScore`, `setFault`
 * with 'offline' and 'noFace', `framesHeld`), for the demo panel and the tests, plus the service's
 * own faults: 'notLive', 'busy', 'serverError' (HTTP 500 to every call), 'malformedJson', 'missingScore',
 * 'scoreOutOfRange', 'otherCaptureId' (an answer to another capture), 'silent' (no answer).
 * It decodes the photo, "captures" a frame, scores and zeroes both: no image is kept or logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CAMERA_SERVICE_FAULTS, ErrorCode, KioskError } from '@kiosk/domain';
import { CAMERA_API, CaptureRequestSchema, FaceScoreSchema } from './camera-http.protocol.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export { CAMERA_SERVICE_FAULTS };
export type CameraServiceFault = (typeof CAMERA_SERVICE_FAULTS)[number];

export interface CameraServiceEmulatorOptions {
  /** score when none was queued with `setNextScore` */
  readonly defaultScore?: number;
  /** how long a capture takes before the service answers */
  readonly captureMs?: number;
}

/** The largest request the emulator reads: an ID card's photo is some tens of kilobytes. */
const MOST_REQUEST_BYTES = 1024 * 1024;
const FRAME_BYTES = 64 * 1024;

function assertScore(score: number): void {
  if (!FaceScoreSchema.safeParse(score).success) {
    throw new KioskError(ErrorCode.INTERNAL, 'A face-match score is a whole number from 0 to 100.');
  }
}

interface Capture {
  readonly id: string;
  cancel(): void;
}

export class CameraServiceEmulator {
  readonly #server: Server;
  readonly #defaultScore: number;
  readonly #nextScores: number[] = [];
  #captureMs: number;
  #fault: CameraServiceFault | null = null;
  #capture: Capture | undefined;
  #framesHeld = 0;
  #cancelled = 0;
  #captures = 0;
  #listening: Promise<{ host: string; port: number; url: string }> | undefined;

  constructor(options: CameraServiceEmulatorOptions = {}) {
    this.#defaultScore = options.defaultScore ?? 92;
    assertScore(this.#defaultScore);
    this.#captureMs = options.captureMs ?? 0;
    this.#server = createServer((req, res) => {
      // a request cut off while read (the kiosk gone) ends here, never as an unhandled rejection
      this.#serve(req, res).catch(() => res.destroy());
    });
  }

  /** Listens on loopback (an ephemeral port by default); once, the same address after. */
  listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number; url: string }> {
    this.#listening ??= new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        const address = this.#server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        resolve({ host, port: bound, url: `http://${host}:${bound}/` });
      });
    });
    return this.#listening;
  }

  async close(): Promise<void> {
    this.#capture?.cancel();
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#listening = undefined;
  }

  // ---- control surface -------------------------------------------------------------------

  /** Queues the score of the next match (several calls queue several tries). */
  setNextScore(score: number): void {
    assertScore(score);
    this.#nextScores.push(score);
  }

  setFault(fault: CameraServiceFault | null): void {
    if (fault !== null && !CAMERA_SERVICE_FAULTS.includes(fault)) {
      throw noSuchEmulatedFault(fault);
    }
    this.#fault = fault;
  }

  /** How long the next captures take (a resident slow to look at the camera). */
  setCaptureMs(ms: number): void {
    this.#captureMs = ms;
  }

  /** Frames the service holds right now: 0 whenever no capture runs (images are never kept). */
  get framesHeld(): number {
    return this.#framesHeld;
  }

  /** Captures cancelled by the kiosk (a DELETE, or its connection dropped before the answer). */
  get capturesCancelled(): number {
    return this.#cancelled;
  }

  /** Captures asked for (each POST taken up), for the tests. */
  get capturesAsked(): number {
    return this.#captures;
  }

  // ---- the API -----------------------------------------------------------------------------

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    if (req.method === 'GET' && path === CAMERA_API.health) return this.#health(res);
    if (req.method === 'POST' && path === CAMERA_API.captures) return this.#takeCapture(req, res);
    if (req.method === 'DELETE' && path.startsWith(`${CAMERA_API.captures}/`)) {
      const id = decodeURIComponent(path.slice(CAMERA_API.captures.length + 1));
      if (this.#capture?.id !== id) return send(res, 404, { error: { code: 'noSuchCapture' } });
      this.#capture.cancel();
      res.writeHead(204).end();
      return;
    }
    send(res, 404, { error: { code: 'notFound' } });
  }

  #health(res: ServerResponse): void {
    if (this.#fault === 'serverError') return send(res, 500, { error: { code: 'internal' } });
    if (this.#fault === 'offline') {
      return send(res, 503, { state: 'cameraOffline', message: 'The camera is unplugged.' });
    }
    send(res, 200, { state: this.#capture ? 'busy' : 'ready' });
  }

  async #takeCapture(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { error: { code: 'badRequest' } });
    let request;
    try {
      request = CaptureRequestSchema.parse(JSON.parse(text));
    } catch {
      return send(res, 400, { error: { code: 'badRequest' } });
    }
    if (this.#fault === 'offline') return send(res, 503, { error: { code: 'cameraOffline' } });
    if (this.#fault === 'serverError') return send(res, 500, { error: { code: 'internal' } });
    if (this.#capture || this.#fault === 'busy') return send(res, 409, { error: { code: 'busy' } });
    this.#captures += 1;
    const photo = Buffer.from(request.referencePhoto, 'base64');
    const frame = new Uint8Array(FRAME_BYTES);
    this.#framesHeld += 1;
    let cancelled = false;
    let wake = (): void => undefined;
    const capture: Capture = {
      id: request.captureId,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        this.#cancelled += 1;
        wake();
      },
    };
    this.#capture = capture;
    // the kiosk hanging up before the answer cancels the capture too
    res.once('close', () => {
      if (!res.writableEnded) capture.cancel();
    });
    try {
      const ms = this.#fault === 'silent' ? 24 * 3_600_000 : this.#captureMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (cancelled) return send(res, 200, { captureId: request.captureId, outcome: 'cancelled' });
      this.#answer(res, request.captureId);
    } finally {
      photo.fill(0);
      frame.fill(0);
      this.#framesHeld -= 1;
      if (this.#capture === capture) this.#capture = undefined;
    }
  }

  #answer(res: ServerResponse, captureId: string): void {
    switch (this.#fault) {
      case 'noFace':
        return send(res, 200, { captureId, outcome: 'noFace' });
      case 'notLive':
        return send(res, 200, { captureId, outcome: 'notLive' });
      case 'malformedJson':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"captureId": "' + captureId);
        return;
      case 'missingScore':
        return send(res, 200, { captureId, outcome: 'matched' });
      case 'scoreOutOfRange':
        return send(res, 200, { captureId, outcome: 'matched', score: 150 });
      case 'otherCaptureId':
        return send(res, 200, { captureId: 'another-capture-0001', outcome: 'matched', score: 95 });
      default:
        return send(res, 200, {
          captureId,
          outcome: 'matched',
          score: this.#nextScores.shift() ?? this.#defaultScore,
        });
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The request's body as text, or undefined past `MOST_REQUEST_BYTES`. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MOST_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
