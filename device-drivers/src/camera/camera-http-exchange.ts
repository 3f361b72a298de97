/**
 * One JSON exchange with the face-match service over Node's own http. Not `fetch`: Node 20 loads
 * undici (some 0.5 MB of JavaScript) on its first call, which would be the camera's health check
 * at every boot of a production kiosk; `node:http` is loaded already (the gateway serves over it,
 * and the host client uses it for the same reason, kiosk-daemon `http-exchange.ts`). No keep-alive:
 * one short connection per call to a service on the kiosk itself, nothing left open at close.
 *
 * The answer's body is read up to `MOST_ANSWER_BYTES`; a longer one is cut and refused. It is
 * handed to the caller as text and never put in an error or a log (a faulty service could echo
 * the photo back).
 */
import { Agent, request, type IncomingMessage } from 'node:http';
import { MOST_ANSWER_BYTES } from './camera-http.protocol.js';

export interface ServiceAnswer {
  readonly status: number;
  readonly body: string;
}

/** Why an exchange failed, for the driver to code: never the body. */
export class ExchangeFailure extends Error {
  constructor(
    readonly reason: 'unreachable' | 'tooLarge' | 'cutOff' | 'aborted',
    cause?: unknown,
  ) {
    super(reason, { cause });
  }
}

const agent = new Agent({ keepAlive: false });

export function exchange(
  url: URL,
  init: { method: 'GET' | 'POST' | 'DELETE'; body?: string },
  signal: AbortSignal,
): Promise<ServiceAnswer> {
  if (signal.aborted) return Promise.reject(new ExchangeFailure('aborted'));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(init.body));
  }
  return new Promise<ServiceAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (failure: ExchangeFailure): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      reject(failure);
    };
    const req = request(url, { method: init.method, headers, agent }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MOST_ANSWER_BYTES) {
          fail(new ExchangeFailure('tooLarge'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.once('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.once('close', () => {
        if (!res.complete) fail(new ExchangeFailure(signal.aborted ? 'aborted' : 'cutOff'));
      });
      res.on('error', () => undefined); // the close above says it
    });
    const onAbort = (): void => {
      fail(new ExchangeFailure('aborted'));
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (e) => fail(new ExchangeFailure(signal.aborted ? 'aborted' : 'unreachable', e)));
    req.end(init.body);
  });
}
