/** What the host simulator adds to Fastify's request and route config types. */
import 'fastify';
import type { AnomalyRecord } from '../store/host-records.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** reachable without the kiosk key (health only) */
    public?: boolean;
    /** exempt from the fault surface (health only) */
    faultFree?: boolean;
    /** a state-changing POST: needs an `idempotency-key` header; a replay returns the first answer */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** the authenticated kiosk ('' before authentication) */
    kioskId: string;
    /** the card number the request concerned, for the audit log */
    auditCardNumber: string | null;
    /** 'ok' or the error code answered, for the audit log */
    outcome: string;
    /** the anomalies this request's handler recorded (`anomaly-header.hook.ts`; null before it ran) */
    raisedAnomalies: AnomalyRecord[] | null;
  }
}
