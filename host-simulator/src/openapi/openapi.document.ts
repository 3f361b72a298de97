/**
 * The OpenAPI 3.1 document, written from the zod schemas of the API catalogue with zod 4's
 * `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import { ANOMALY_HEADER } from '../anomalies/anomaly-verdicts.js';
import { HostErrorBody } from '../cards/cards.schemas.js';
import { API_CATALOGUE, type ApiOperation } from './api-catalogue.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const openApiPath = (path: string): string => `/v1${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

function parameters(op: ApiOperation): unknown[] {
  const list: unknown[] = [];
  const add = (where: 'path' | 'query', shape: z.ZodObject | undefined): void => {
    if (!shape) return;
    const json = toSchema(shape, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema,
      });
    }
  };
  add('path', op.params);
  add('query', op.query);
  if (!op.public) {
    list.push({ name: 'x-kiosk-id', in: 'header', required: true, schema: { type: 'string' } });
  }
  if (op.idempotent) {
    list.push({
      name: 'idempotency-key',
      in: 'header',
      required: true,
      description: 'a replay with the same key returns the first answer (header idempotent-replay: true)',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
    });
  }
  return list;
}

const ANOMALY_HEADERS = {
  [ANOMALY_HEADER]: {
    description:
      'anomaly verdicts this request raised for the kiosk, e.g. sameCardTwoKiosks=block, pinFailures=flag',
    schema: { type: 'string' },
  },
};

export function buildOpenApiDocument(): Record<string, unknown> {
  const errorSchema = toSchema(HostErrorBody, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_CATALOGUE) {
    const error = (description: string) => ({
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HostError' } } },
    });
    const responses: Record<string, unknown> = {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: toSchema(op.response, 'output') } },
      },
      '400': error('HOST_BAD_REQUEST: malformed parameters or body'),
      '4XX': error(`refusal; codes: ${op.errors.join(', ') || 'none besides the above'}`),
      '5XX': error('host fault (retry with the same idempotency key)'),
    };
    if (!op.public) {
      responses['401'] = error('HOST_UNAUTHORIZED: kiosk id or key missing or wrong');
      // an answer or a refusal names the anomaly verdicts its request raised (anomaly-verdicts.ts)
      for (const status of ['200', '4XX'])
        (responses[status] as Record<string, unknown>)['headers'] = ANOMALY_HEADERS;
    }
    paths[openApiPath(op.path)] = {
      ...paths[openApiPath(op.path)],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        operationId: `${op.method}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
        parameters: parameters(op),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: toSchema(op.body, 'input') } },
              },
            }
          : {}),
        responses,
        ...(op.public ? { security: [] } : {}),
        'x-error-codes': op.errors,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Card kiosk host simulator',
      version: '1.0.0',
      description:
        'The back office the kiosk talks to: social-insurance core and personal-account ledger. Every error body is { code, message }.',
    },
    servers: [{ url: '/' }],
    security: [{ kioskKey: [] }],
    components: {
      securitySchemes: {
        kioskKey: { type: 'http', scheme: 'bearer', description: 'per-kiosk key, with x-kiosk-id' },
      },
      schemas: { HostError: errorSchema },
    },
    paths,
  };
}
