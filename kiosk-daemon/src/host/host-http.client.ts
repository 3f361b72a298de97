import { ErrorCode, KioskError, maskIdNumbersInText } from '@kiosk/domain';
import {
  ANOMALY_HEADER,
  parseAnomalyVerdicts,
  unknownValueRefusal,
  type AnomalyVerdict,
} from '@kiosk/host-simulator/contract';
import type { z } from 'zod';
import { pathOf, type HostPath } from './host-path.js';
import { AnswerTooLarge, httpExchange, type HttpAnswer } from './http-exchange.js';

export interface HostEndpoint {
  readonly baseUrl: string;
  readonly kioskId: string;
  readonly kioskKey: string;
  readonly timeoutMs: number;
  /** the host's anomaly verdicts an answer names (a refusal's too), as each answer comes */
  readonly onAnomalies?: (verdicts: readonly AnomalyVerdict[]) => void;
}

export interface HostRequest<S extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  /** a path naming a card is built by `hostPath`, so that an error's details name it masked */
  readonly path: string | HostPath;
  readonly body?: unknown;
  /** required on every call that moves money or changes a card: a replay returns the first answer */
  readonly idempotencyKey?: string;
  readonly schema: S;
  readonly signal?: AbortSignal;
  /**
   * A verdict the answer may name that only echoes an event this kiosk tells the fleet itself (a
   * PIN locked on the card: PIN_BLOCKED as the session ends): not told on, one alert for one event.
   */
  readonly toldByKiosk?: AnomalyVerdict;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * HTTP to the back office: per-kiosk key, a timeout on every call, idempotency keys, answers
 * validated with the host's own schemas, and every failure a coded KioskError.
 */
export class HostHttpClient {
  constructor(private readonly endpoint: HostEndpoint) {}

  async request<S extends z.ZodType>(req: HostRequest<S>): Promise<z.infer<S>> {
    const timeout = AbortSignal.timeout(this.endpoint.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      'x-kiosk-id': this.endpoint.kioskId,
      authorization: `Bearer ${this.endpoint.kioskKey}`,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const path = pathOf(req.path);
    let res: HttpAnswer;
    try {
      res = await httpExchange(
        new URL(path.sent, this.endpoint.baseUrl),
        {
          method: req.method,
          headers,
          ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        },
        signal,
      );
    } catch (e) {
      if (timeout.aborted) {
        throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.', {
          timeoutMs: this.endpoint.timeoutMs,
        });
      }
      if (req.signal?.aborted)
        throw new KioskError(ErrorCode.SESSION_CANCELLED, 'The request was cancelled.');
      throw new KioskError(
        ErrorCode.HOST_UNREACHABLE,
        'The back office cannot be reached.',
        {},
        { cause: e },
      );
    }
    const echo = req.toldByKiosk;
    const verdicts = parseAnomalyVerdicts(res.header(ANOMALY_HEADER)).filter(
      (v) => !echo || v.rule !== echo.rule || v.action !== echo.action,
    );
    if (verdicts.length > 0) this.endpoint.onAnomalies?.(verdicts);
    const text = await res.text().catch((e: unknown) => {
      // an answer without end, or one far longer than any the API gives: not read, whatever its status
      if (e instanceof AnswerTooLarge) {
        throw new KioskError(
          ErrorCode.HOST_BAD_RESPONSE,
          'The back office answered at a length the kiosk does not read.',
          {
            path: path.shown,
            limitBytes: e.limitBytes,
          },
        );
      }
      return '';
    });
    const json = parseJson(text);
    if (!res.ok) throw hostRefusal(res.status, json, path.shown);
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      // a value the kiosk does not know in a list that decides an action: its own refusal (ADR 0013)
      const unknown = unknownValueRefusal(parsed.error.issues);
      if (unknown) {
        throw new KioskError(
          unknown.code,
          'The back office answered with a state this kiosk does not know.',
          {
            path: path.shown,
            field: unknown.field,
          },
        );
      }
      throw new KioskError(ErrorCode.HOST_BAD_RESPONSE, 'The back office answered in an unexpected form.', {
        path: path.shown,
      });
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function hostRefusal(status: number, body: unknown, path: string): KioskError {
  const b = body as { code?: unknown; message?: unknown } | undefined;
  const code = typeof b?.code === 'string' && KNOWN_CODES.has(b.code) ? (b.code as ErrorCode) : undefined;
  // a 403 with a refusal of its own (ANOMALY_BLOCKED, ID_MISMATCH) is that refusal, not the
  // kiosk's credentials: the resident reads its words and the fleet counts its code
  if (status === 401 || (status === 403 && (code === undefined || code === ErrorCode.HOST_UNAUTHORIZED))) {
    return new KioskError(ErrorCode.HOST_UNAUTHORIZED, 'The back office refused this kiosk’s credentials.');
  }
  // the back office refuses with its own { code, message }: an answer without a code (a proxy's
  // page, a gateway's 404 or 429, a body cut or not JSON) is not its refusal but an answer that
  // does not read. A refusal stands and an owed act is sent no more; this is tried again.
  if (typeof b?.code !== 'string' && status < 500) {
    return new KioskError(ErrorCode.HOST_BAD_RESPONSE, 'The back office’s answer could not be read.', {
      path,
      status,
    });
  }
  // the office's words may echo what it was sent (the resident's ID number): masked before they
  // become the kiosk's message, which the staff screens answer with as it is (KioskError: never a
  // full ID number in a message)
  const message =
    typeof b?.message === 'string'
      ? maskIdNumbersInText(b.message.slice(0, 400)).slice(0, 200)
      : 'The back office refused the request.';
  return new KioskError(code ?? ErrorCode.HOST_REJECTED, message, { status });
}
