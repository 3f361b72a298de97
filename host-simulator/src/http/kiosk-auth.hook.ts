/**
 * Per-kiosk keys: every request names its kiosk in `x-kiosk-id` and carries
 * `authorization: Bearer <key>`. Keys are compared in constant time (both sides hashed first so
 * the lengths match); an unknown kiosk costs the same comparison as a wrong key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@kiosk/domain';
import type { FastifyInstance } from 'fastify';
import { HostError } from './host-error.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function installKioskAuth(app: FastifyInstance, kioskKeys: Readonly<Record<string, string>>): void {
  const keyDigests = new Map(Object.entries(kioskKeys).map(([id, key]) => [id, digest(key)]));
  const decoy = digest('no kiosk has this key');

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const kioskId = request.headers['x-kiosk-id'];
    const authorization = request.headers.authorization;
    const presented =
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? authorization.slice('Bearer '.length)
        : undefined;
    const expected = typeof kioskId === 'string' ? keyDigests.get(kioskId) : undefined;
    const matches = timingSafeEqual(digest(presented ?? ''), expected ?? decoy);
    if (typeof kioskId !== 'string' || presented === undefined || expected === undefined || !matches) {
      throw new HostError(
        401,
        ErrorCode.HOST_UNAUTHORIZED,
        'The kiosk id or key is missing or wrong; check the kiosk configuration.',
      );
    }
    request.kioskId = kioskId;
  });
}
