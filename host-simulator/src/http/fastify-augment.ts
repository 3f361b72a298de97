/** What the host simulator adds to Fastify's request and route config types. */
import 'fastify';

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
    /** how many anomalies the host had recorded when the request came (`anomaly-header.hook.ts`) */
    anomaliesBefore: number;
  }
}
