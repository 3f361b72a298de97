/** GET /v1/openapi.json: open, never faulted, built once. */
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './openapi.document.js';

export function openApiRoutes() {
  const document = buildOpenApiDocument();
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/openapi.json', { config: { public: true, faultFree: true } }, async () => document);
  };
}
