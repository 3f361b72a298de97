/**
 * Fault: a back office's answer the kiosk could not read (HOST_BAD_RESPONSE: a body of another
 * form, a proxy's 404 without a code, an answer too long) named the request's path in its
 * details, and the paths of a card's calls hold the card number whole
 * (`/v1/cards/H41080000101/pin-events`): the details reach the kiosk's log, the journal and the
 * staff screens' answers, where a card number is shown masked only (first 3 and last 3). The
 * path in an error's details now names the card masked (`maskCardNumber`), as it does an ID number.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import { HostService } from './host.service.js';
import type { HostConnection } from './host-connection.js';
import { IssuanceHostService } from './issuance-host.service.js';
import { startBackOffice } from './json-back-office.spec-support.js';

const CARD = 'H41080000101';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The host services of a back office answering every call with `status` and `body`. */
async function officeAnswering(status: number, body: string) {
  const office = await startBackOffice((_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(body),
  );
  closers.push(() => office.close());
  const connection = { client: () => office.client, kioskId: () => 'K-TEST' } as unknown as HostConnection;
  return {
    host: new HostService(connection, new MetricsService()),
    issuance: new IssuanceHostService(connection, new MetricsService()),
  };
}

const refusalOf = (call: Promise<unknown>): Promise<KioskError> =>
  call.then(
    () => {
      throw new Error('the call was answered');
    },
    (e: unknown) => KioskError.from(e),
  );

describe('bad response details name the card number', () => {
  it.each([
    ['a body of another form', 200, '{"nonsense":true}'],
    ['a proxy’s 404 without a code', 404, '{"error":"no route"}'],
  ])('%s: the path in the details names the card masked', async (_what, status, body) => {
    const { host, issuance } = await officeAnswering(status, body);
    const calls: [string, Promise<unknown>][] = [
      ['card', host.card(CARD)],
      ['records', host.records(CARD, 20)],
      ['pin event', host.reportPinEvent(CARD, 'wrong', 'T-1:1')],
      ['activation', host.activateCard(CARD, '410802199001011234', 'T-1')],
      [
        'unlock key',
        host.pinUnlockKey({ cardNumber: CARD, cardIdentifier: 'C1', idNumber: '410802199001011234' }),
      ],
      ['replacement', issuance.requestReplacement(CARD, '410802199001011234', 'T-2')],
      ['personalisation key', issuance.personalisationKey(CARD, 'C1')],
    ];
    for (const [what, call] of calls) {
      const error = await refusalOf(call);
      expect([what, error.code]).toEqual([what, ErrorCode.HOST_BAD_RESPONSE]);
      const shown = JSON.stringify(error.toJSON());
      expect([what, shown]).not.toEqual([what, expect.stringContaining(CARD)]);
      expect([what, error.details['path']]).toEqual([what, expect.stringContaining(maskCardNumber(CARD))]);
    }
  });
});
