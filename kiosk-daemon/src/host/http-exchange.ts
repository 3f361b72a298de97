/**
 * One HTTP exchange with the back office over Node's own http (https for an https URL), for the
 * host client (`host-http.client.ts`). Not `fetch`: Node 20 loads its fetch (undici, some 0.5 MB
 * of JavaScript) on the first call, which is recovery's first host call at every boot; `node:http`
 * is loaded already (the gateway serves over it). What the client relied on from fetch is kept:
 * the call rejects when it cannot be sent or no answer's head comes (the caller's signal aborting
 * it included), the answer's body is read as UTF-8 text (a byte order mark dropped) and fails on
 * its own when the signal aborts it or the connection drops under it. Redirects are not followed (the back office's API answers
 * where it is asked) and no compression is asked for. An answer's body is read up to
 * `HOST_ANSWER_MAX_BYTES` and no further: one that says it is longer, or runs on past it, fails
 * (`AnswerTooLarge`) and its connection is dropped, so a back office answering without end cannot
 * fill the kiosk's memory within the call's timeout.
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';

/**
 * The most of an answer's body the kiosk reads: far above the largest answer of the API (a page
 * of 500 account records is some 150 kB), far below what would crowd the daemon's memory.
 */
export const HOST_ANSWER_MAX_BYTES = 1024 * 1024;

/** An answer whose body is (or says it is) longer than the kiosk reads. */
export class AnswerTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer is longer than ${limitBytes} bytes`);
  }
}

export interface HttpAnswer {
  readonly status: number;
  /** 2xx, as fetch's `ok` */
  readonly ok: boolean;
  /** a header of the answer (several of one name joined by commas); undefined when absent */
  header(name: string): string | undefined;
  /**
   * the body as UTF-8 text; rejects when the signal aborts it or the connection drops before its
   * end, and with `AnswerTooLarge` when it is longer than the bound
   */
  text(): Promise<string>;
}

type RequestFn = (
  url: URL,
  options: RequestOptions,
  callback: (res: IncomingMessage) => void,
) => ClientRequest;

/** node:https (and with it TLS) is loaded only for a back office on https, when first called. */
let httpsRequest: Promise<RequestFn> | undefined;

async function requestFor(url: URL): Promise<RequestFn> {
  if (url.protocol === 'http:') return httpRequest;
  if (url.protocol === 'https:') {
    httpsRequest ??= import('node:https').then((https) => https.request);
    return httpsRequest;
  }
  throw new TypeError(`unsupported protocol ${url.protocol}`);
}

const abortError = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

export async function httpExchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  signal: AbortSignal,
  maxBytes = HOST_ANSWER_MAX_BYTES,
): Promise<HttpAnswer> {
  if (signal.aborted) throw abortError(signal);
  const request = await requestFor(url);
  if (signal.aborted) throw abortError(signal);
  const headers = { ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = request(url, { method: init.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const body = new Promise<string>((done, fail) => {
        const tooLarge = (): void => {
          fail(new AnswerTooLarge(maxBytes));
          res.destroy();
        };
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
          tooLarge();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > maxBytes) tooLarge();
          else chunks.push(chunk);
        });
        // as fetch's text(): UTF-8, a byte order mark at the start dropped
        res.once('end', () =>
          done(
            Buffer.concat(chunks)
              .toString('utf8')
              .replace(/^\uFEFF/, ''),
          ),
        );
        res.on('error', fail);
        res.once('close', () => {
          if (!res.complete) fail(signal.aborted ? abortError(signal) : new Error('the answer was cut off'));
        });
      });
      // read or failed, the signal is let go; a body failed and not read is no unhandled rejection
      const letGo = (): void => signal.removeEventListener('abort', onAbort);
      body.then(letGo, letGo);
      const status = res.statusCode ?? 0;
      const header = (name: string): string | undefined => {
        const value = res.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      resolve({ status, ok: status >= 200 && status < 300, header, text: () => body });
    });
    const onAbort = (): void => {
      req.destroy(abortError(signal) as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      reject(e);
    });
    req.end(init.body);
  });
}
