/** The built operators' dashboard (fleet-dashboard/dist in this monorepo), served at `/` by the monitor. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

export const DASHBOARD_DIST = fileURLToPath(new URL('../../../fleet-dashboard/dist/', import.meta.url));

/** Serves the dashboard's files; false (API only) when it is not built. */
export function serveDashboard(app: INestApplication, dist = DASHBOARD_DIST): boolean {
  if (!existsSync(dist)) return false;
  (app as NestExpressApplication).useStaticAssets(dist, { index: 'index.html', maxAge: 0 });
  return true;
}
