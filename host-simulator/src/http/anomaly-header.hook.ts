/**
 * Tells the kiosk the anomaly verdicts its request raised (`anomaly-verdicts.ts`): the anomalies
 * its own handler recorded (`raised-by-request.ts`), raised for that kiosk, go into the answer's
 * `x-anomalies` header. Not every anomaly recorded while the request was under way: a request of
 * the same kiosk answered at the same time (a card-less one, or one about the same card) would
 * name the other's verdict too, and the kiosk tell the fleet one verdict twice.
 */
import type { FastifyInstance } from 'fastify';
import { ANOMALY_HEADER, formatAnomalyVerdicts } from '../anomalies/anomaly-verdicts.js';
import { raisingFor } from '../anomalies/raised-by-request.js';
import type { AnomalyRecord } from '../store/host-records.js';

export function installAnomalyHeader(app: FastifyInstance): void {
  // the last step before the handler (the body parsed, whose stream events would lose the context):
  // the handler, and what runs after it, raise into this request's own list
  app.addHook('preHandler', (request, _reply, done) => {
    const raised: AnomalyRecord[] = [];
    request.raisedAnomalies = raised;
    raisingFor(raised, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // refused before its handler (authentication, the fault surface): nothing raised
    const raised = (request.raisedAnomalies ?? []).filter((a) => a.kioskId === request.kioskId);
    if (raised.length > 0) void reply.header(ANOMALY_HEADER, formatAnomalyVerdicts(raised));
    return payload;
  });
}
