/**
 * Every error the host answers is `{ code, message }` with a code from `ErrorCode`. Route code
 * throws `HostError`; Fastify's own errors (bad JSON, body too large, wrong content type) and zod
 * failures become HOST_BAD_REQUEST; anything unforeseen is INTERNAL without its message.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';

export class HostError extends KioskError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export const badRequest = (message: string): HostError =>
  new HostError(400, ErrorCode.HOST_BAD_REQUEST, message);

/** Parses input with a zod schema; a failure names the fields (never their values). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reasons = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ');
  throw badRequest(`Malformed ${what}: ${reasons}.`);
}

interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
}

function answerFor(error: unknown): ErrorAnswer {
  if (error instanceof HostError) return { status: error.status, code: error.code, message: error.message };
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      code: ErrorCode.HOST_BAD_REQUEST,
      message:
        status === 413
          ? 'The request body is too large.'
          : status === 415
            ? 'Send the request body as application/json.'
            : 'The request is malformed; check the JSON body and the headers.',
    };
  }
  return { status: 500, code: ErrorCode.INTERNAL, message: 'The host met an unexpected fault.' };
}

export function installErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const answer = answerFor(error);
    if (answer.status >= 500 && !(error instanceof HostError)) {
      request.log.error({ err: error }, 'unexpected host fault');
    }
    request.outcome = answer.code;
    return reply.code(answer.status).send({ code: answer.code, message: answer.message });
  });
  app.setNotFoundHandler((request, reply) => {
    request.outcome = ErrorCode.HOST_ROUTE_NOT_FOUND;
    return reply.code(404).send({ code: ErrorCode.HOST_ROUTE_NOT_FOUND, message: 'No such host endpoint.' });
  });
}
