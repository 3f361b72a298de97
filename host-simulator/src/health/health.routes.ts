/** GET /v1/health: open (no kiosk key), never delayed or failed by the fault surface. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export const HealthAnswer = z.object({ status: z.literal('ok'), time: z.iso.datetime() });
export type HealthAnswer = z.infer<typeof HealthAnswer>;

export function healthRoutes(now: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', { config: { public: true, faultFree: true } }, async (): Promise<HealthAnswer> => ({
      status: 'ok',
      time: now().toISOString(),
    }));
  };
}
