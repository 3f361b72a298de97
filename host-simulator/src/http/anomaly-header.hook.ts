/**
 * Tells the kiosk the anomaly verdicts its request raised (`anomaly-verdicts.ts`): the anomalies
 * recorded while the request was answered, raised for that kiosk (and that card, when the request
 * named one), go into the answer's `x-anomalies` header.
 */
import type { FastifyInstance } from 'fastify';
import { ANOMALY_HEADER, formatAnomalyVerdicts } from '../anomalies/anomaly-verdicts.js';
import type { HostStore } from '../store/host-store.js';

export function installAnomalyHeader(app: FastifyInstance, store: HostStore): void {
  app.addHook('onRequest', async (request) => {
    request.anomaliesBefore = store.anomalies.length;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const raised = store.anomalies
      .slice(request.anomaliesBefore)
      .filter(
        (a) =>
          a.kioskId === request.kioskId &&
          (request.auditCardNumber === null || a.cardNumber === request.auditCardNumber),
      );
    if (raised.length > 0) void reply.header(ANOMALY_HEADER, formatAnomalyVerdicts(raised));
    return payload;
  });
}
